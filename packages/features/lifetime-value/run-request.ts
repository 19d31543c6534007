import { nowIso } from '#packages/core/clock.ts';
import { newId } from '#packages/core/ids.ts';
import { readState, saveRun, type RunState } from './run-state.ts';

// Apart from run.ts: starting a run (POST /v1/lifetime-value/runs)
// writes one item, and importing run.ts would load the models and their
// @stdlib/fmin maths, which only the run itself uses (bench: bundles).
/**
 * Starts a run, or answers the one in progress (a second request, a retry
 * with another Idempotency-Key, the nightly job meeting a stalled run): at
 * most one run at a time, by a conditional write on the state item.
 */
export async function requestRun(trigger: RunState['trigger'], prefer?: RunState['prefer']): Promise<{ run: RunState; started: boolean }> {
  for (;;) {
    const state = await readState();
    if (state.run?.status === 'running') return { run: state.run, started: false };
    const run: RunState = { runId: newId(), status: 'running', trigger, requestedAt: nowIso(), scored: 0, ...(prefer ? { prefer } : {}) };
    if (await saveRun(state, { run })) return { run, started: true };
  }
}
