import type { CallRecord } from '../orders/capacity-meter.ts';
import { roundTo } from '../orders/stats.ts';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

export interface CapacityShare {
  rcu: number;
  wcu: number;
  calls: number;
  /** DynamoDB operation → calls (total over the burst) and units (per operation). */
  byCommand: Record<string, { calls: number; units: number }>;
}

/** Per operation, as DynamoDB Local reports it: the API request path, and the bus consumers it set off. */
export interface CapacityPerOperation {
  /** Successful operations the figures divide by. */
  operations: number;
  api: CapacityShare;
  consumers: CapacityShare;
}

/** The meter's records of a burst (bench/orders/capacity-meter.ts), split by origin and divided by the successful operations. */
export function capacityPerOperation(calls: readonly CallRecord[], operations: number): CapacityPerOperation {
  const share = (origin: CallRecord['origin']): CapacityShare => {
    const mine = calls.filter((c) => c.origin === origin);
    const byCommand: Record<string, { calls: number; units: number }> = {};
    for (const c of mine) {
      const entry = (byCommand[c.command] ??= { calls: 0, units: 0 });
      entry.calls += 1;
      entry.units += c.units;
    }
    for (const e of Object.values(byCommand)) e.units = roundTo(e.units / operations, 2);
    return {
      rcu: roundTo(mine.filter((c) => READS.has(c.command)).reduce((s, c) => s + c.units, 0) / operations, 2),
      wcu: roundTo(mine.filter((c) => !READS.has(c.command)).reduce((s, c) => s + c.units, 0) / operations, 2),
      calls: roundTo(mine.length / operations, 2),
      byCommand,
    };
  };
  return { operations, api: share('api'), consumers: share('consumer') };
}
