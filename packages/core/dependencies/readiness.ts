import { withDeadline } from './deadline.ts';
import { dependencyFaultOf, type DependencyFaultReason } from './faults.ts';

/** One dependency's check: resolves when it answered as expected, throws otherwise. */
export interface DependencyProbe {
  name: string;
  check(): Promise<void>;
}

export interface DependencyState {
  name: string;
  /** `up`: it answered. `down`: it did not, for `reason`. */
  status: 'up' | 'down';
  /** A dependency fault (faults.ts), or `error`: it answered with a refusal we did not expect (a missing table, a missing grant). */
  reason?: DependencyFaultReason | 'error';
  /** How long the check took. */
  latencyMs: number;
}

export interface Readiness {
  ready: boolean;
  dependencies: DependencyState[];
}

async function probeOnce(probe: DependencyProbe, timeoutMs: number): Promise<DependencyState> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    await withDeadline(Date.now() + timeoutMs, () => probe.check());
    return { name: probe.name, status: 'up', latencyMs: latency() };
  } catch (error) {
    return { name: probe.name, status: 'down', reason: dependencyFaultOf(error) ?? 'error', latencyMs: latency() };
  }
}

/**
 * Runs every probe at once, each bounded by `timeoutMs` (a hung dependency is
 * reported down, not waited for), and says whether all are up.
 */
export async function checkReadiness(probes: readonly DependencyProbe[], timeoutMs: number): Promise<Readiness> {
  const dependencies = await Promise.all(probes.map((probe) => probeOnce(probe, timeoutMs)));
  return { ready: dependencies.every((d) => d.status === 'up'), dependencies };
}
