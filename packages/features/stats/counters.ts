/**
 * Pure logic of the live event counters kept on the stats shards
 * (`statsShard`): which `c_<metric>` attributes an event adds to, the
 * 5-minute arrival buckets, and how the shards sum into the stats view.
 */

/** Counter deltas: attribute name (without the `c_` prefix) → amount to ADD. */
export type CounterDeltas = Record<string, number>;

export const COUNTER_PREFIX = 'c_';
const BUCKET_MS = 5 * 60 * 1000;

/** The 5-minute bucket a scan falls in, as `YYYYMMDDHHmm` in UTC (e.g. 202612312130). */
export function arrivalBucket(scannedAt: string): string {
  const t = new Date(scannedAt).getTime();
  if (Number.isNaN(t)) throw new Error(`not a time: ${scannedAt}`);
  return new Date(Math.floor(t / BUCKET_MS) * BUCKET_MS).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** `YYYYMMDDHHmm` → the ISO time the bucket starts at. */
export function bucketStart(bucket: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(bucket);
  if (!m) throw new Error(`not a bucket: ${bucket}`);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!)).toISOString();
}

export interface CheckInFact {
  type: 'entry' | 'exit';
  duplicate: boolean;
  listId: string;
  ticketTypeId: string;
  scannedAt: string;
}

/** What one scan adds; a duplicate (offline scan of a ticket already admitted) adds nothing. */
export function checkInDeltas(scan: CheckInFact): CounterDeltas {
  if (scan.duplicate) return {};
  if (scan.type === 'exit') return { inside: -1, exits: 1 };
  return {
    checkedIn: 1,
    inside: 1,
    [`list_${scan.listId}`]: 1,
    [`type_${scan.ticketTypeId}`]: 1,
    [`arr_${arrivalBucket(scan.scannedAt)}`]: 1,
  };
}

/** A paid order: its admissions sold and its total taken. */
export function paidDeltas(order: { admissions: number; total: { amount: number; currency: string } }): CounterDeltas {
  return { ticketsSold: order.admissions, [`rev_${order.total.currency}`]: order.total.amount };
}

/**
 * A refund: its amount leaves the revenue (partial ones too, so revenue is
 * net of every refund); a full refund also voids the order's tickets, so
 * they are no longer sold (as the inventory slices say too).
 */
export function refundDeltas(refund: { admissions: number; full: boolean; amount: { amount: number; currency: string } }): CounterDeltas {
  const deltas: CounterDeltas = {};
  if (refund.amount.amount) deltas[`rev_${refund.amount.currency}`] = -refund.amount.amount;
  if (refund.full && refund.admissions) deltas.ticketsSold = -refund.admissions;
  return deltas;
}

/** `ADD #c0 :c0, #c1 :c1 …` with its names and values; null when there is nothing to add. */
export function addExpression(deltas: CounterDeltas) {
  const entries = Object.entries(deltas).filter(([, n]) => n !== 0);
  if (!entries.length) return null;
  const names: Record<string, string> = {};
  const values: Record<string, number> = {};
  const parts = entries.map(([metric, n], i) => {
    names[`#c${i}`] = `${COUNTER_PREFIX}${metric}`;
    values[`:c${i}`] = n;
    return `#c${i} :c${i}`;
  });
  return { UpdateExpression: `ADD ${parts.join(', ')}`, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

export interface EventStats {
  eventId: string;
  ticketsSold: number;
  revenue: Array<{ amount: number; currency: string }>;
  checkedIn: {
    total: number;
    byList: Array<{ listId: string; count: number }>;
    byTicketType: Array<{ ticketTypeId: string; count: number }>;
  };
  insideNow: number;
  exits: number;
  arrivals: Array<{ bucketStart: string; count: number }>;
  computedAt: string;
}

/** Sums the raw shard items (any attributes; only `c_*` numbers count) into one total per metric. */
export function sumShards(items: ReadonlyArray<Record<string, unknown>>): CounterDeltas {
  const totals: CounterDeltas = {};
  for (const item of items) {
    for (const [name, value] of Object.entries(item)) {
      if (!name.startsWith(COUNTER_PREFIX) || typeof value !== 'number') continue;
      const metric = name.slice(COUNTER_PREFIX.length);
      totals[metric] = (totals[metric] ?? 0) + value;
    }
  }
  return totals;
}

/**
 * The stats view from summed counters. Consumers run at least once and in no
 * set order, so an exit (or a refund) can land before its entry (or sale):
 * counts that would be negative for a moment show as zero.
 */
export function statsView(eventId: string, totals: CounterDeltas, computedAt: string): EventStats {
  const byList: EventStats['checkedIn']['byList'] = [];
  const byTicketType: EventStats['checkedIn']['byTicketType'] = [];
  const arrivals: EventStats['arrivals'] = [];
  const revenue: EventStats['revenue'] = [];
  for (const [metric, n] of Object.entries(totals)) {
    const [kind, id] = splitMetric(metric);
    if (id === undefined) continue;
    if (kind === 'list' && n) byList.push({ listId: id, count: n });
    else if (kind === 'type' && n) byTicketType.push({ ticketTypeId: id, count: n });
    else if (kind === 'arr' && n) arrivals.push({ bucketStart: bucketStart(id), count: n });
    else if (kind === 'rev') revenue.push({ amount: Math.max(0, n), currency: id });
  }
  byList.sort((a, b) => a.listId.localeCompare(b.listId));
  byTicketType.sort((a, b) => a.ticketTypeId.localeCompare(b.ticketTypeId));
  arrivals.sort((a, b) => a.bucketStart.localeCompare(b.bucketStart));
  revenue.sort((a, b) => a.currency.localeCompare(b.currency));
  return {
    eventId,
    ticketsSold: Math.max(0, totals.ticketsSold ?? 0),
    revenue,
    checkedIn: { total: totals.checkedIn ?? 0, byList, byTicketType },
    insideNow: Math.max(0, totals.inside ?? 0),
    exits: totals.exits ?? 0,
    arrivals,
    computedAt,
  };
}

function splitMetric(metric: string): [string, string | undefined] {
  const i = metric.indexOf('_');
  return i < 0 ? [metric, undefined] : [metric.slice(0, i), metric.slice(i + 1)];
}
