import type { CallRecord } from '../orders/capacity-meter.ts';
import { roundTo } from '../orders/stats.ts';
import { table } from './markdown.ts';

/** One kind of call of a metered burst: what it was, how often and what it cost per operation. */
export interface CallKind {
  what: string;
  calls: number;
  units: number;
  failed: number;
}

/** Calls grouped by command, items and consistency (`TransactWriteItems [Put order, …]`, `Query seat (consistent)`), per operation, costliest first. */
export function callBreakdown(calls: readonly CallRecord[], operations: number, origin: CallRecord['origin'] = 'api'): CallKind[] {
  const kinds = new Map<string, { calls: number; units: number; failed: number }>();
  for (const c of calls) {
    if (c.origin !== origin) continue;
    const what = `${c.command} ${c.items.length > 1 ? `[${c.items.join(', ')}]` : (c.items[0] ?? '?')}${c.consistent ? ' (consistent)' : ''}`;
    const k = kinds.get(what) ?? { calls: 0, units: 0, failed: 0 };
    k.calls++;
    k.units += c.units;
    if (c.error) k.failed++;
    kinds.set(what, k);
  }
  return [...kinds]
    .map(([what, k]) => ({ what, calls: roundTo(k.calls / operations, 2), units: roundTo(k.units / operations, 2), failed: roundTo(k.failed / operations, 2) }))
    .sort((a, b) => b.units - a.units || b.calls - a.calls);
}

export function renderBreakdown(title: string, kinds: readonly CallKind[]): string {
  return table([title, 'calls', 'CU', 'of which failed (no CU reported)'], kinds.map((k) => [k.what, k.calls, k.units, k.failed]));
}
