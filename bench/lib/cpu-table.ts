import type { CpuSpent } from './cpu.ts';
import type { Cell } from './markdown.ts';

/** CPU per request of a timed burst, in ms: what a saturated server's latency at a fixed concurrency grows with. */
export function cpuRow(name: string, requests: number, wallMs: number, cpu: CpuSpent | undefined): Cell[] {
  const per = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : (ms / requests).toFixed(1));
  const busy = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : `${((ms / wallMs) * 100).toFixed(0)} %`);
  return [name, requests, per(cpu?.benchMs), busy(cpu?.benchMs), per(cpu?.dynamoMs), busy(cpu?.dynamoMs)];
}

export const CPU_HEADERS = ['Timed burst', 'Requests', 'Bench process CPU ms / request', 'of wall time', 'DynamoDB Local CPU ms / request', 'of wall time'];
