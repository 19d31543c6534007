import type { CallRecord } from '../orders/capacity-meter.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { table } from './markdown.ts';

/** One kind of call of a metered burst: what it was, how often and what it cost per operation. */
export interface CallKind {
  what: string;
  calls: number;
  units: number;
  failed: number;
  /** How long a caller waited for one (ms): mean and p99 over the burst. */
  waitMs?: { mean: number; p99: number };
}

/** Calls grouped by command, items and consistency (`TransactWriteItems [Put order, …]`, `Query seat (consistent)`), per operation, costliest first. */
export function callBreakdown(calls: readonly CallRecord[], operations: number, origin: CallRecord['origin'] = 'api'): CallKind[] {
  const kinds = new Map<string, { calls: number; units: number; failed: number; waits: number[] }>();
  for (const c of calls) {
    if (c.origin !== origin) continue;
    const what = `${c.command} ${c.items.length > 1 ? `[${c.items.join(', ')}]` : (c.items[0] ?? '?')}${c.consistent ? ' (consistent)' : ''}`;
    const k = kinds.get(what) ?? { calls: 0, units: 0, failed: 0, waits: [] };
    k.calls++;
    if (c.ms !== undefined) k.waits.push(c.ms);
    k.units += c.units;
    if (c.error) k.failed++;
    kinds.set(what, k);
  }
  return [...kinds]
    .map(([what, k]) => ({
      what,
      calls: roundTo(k.calls / operations, 2),
      units: roundTo(k.units / operations, 2),
      failed: roundTo(k.failed / operations, 2),
      ...(k.waits.length ? { waitMs: waitsOf(k.waits) } : {}),
    }))
    .sort((a, b) => b.units - a.units || b.calls - a.calls);
}

function waitsOf(waits: readonly number[]): { mean: number; p99: number } {
  const p = percentiles(waits)!;
  return { mean: p.mean, p99: p.p99 };
}

/** With the waits, when the calls were timed: under a burst, what a call costs the caller is mostly its queue at DynamoDB Local. */
export function renderBreakdown(title: string, kinds: readonly CallKind[]): string {
  const timed = kinds.some((k) => k.waitMs);
  const head = [title, 'calls', 'CU', 'of which failed (no CU reported)', ...(timed ? ['wait per call, mean (ms)', 'p99 (ms)'] : [])];
  return table(head, kinds.map((k) => [k.what, k.calls, k.units, k.failed, ...(timed ? [k.waitMs?.mean ?? '—', k.waitMs?.p99 ?? '—'] : [])]));
}
