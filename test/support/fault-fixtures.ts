import { HOLD_SHARDS } from '#packages/core/db/entities/order-hold.ts';
import { db } from '#packages/core/db/service.ts';
import type { ApiCaller, ApiResponse } from './local-api.ts';
import { availability, countsOf, listAllOrders, tally, type CountsView, type OrderBody } from './sales-fixtures.ts';

/**
 * Given/when/then helpers for the dependency-fault tests: requests in flight
 * when a fault strikes, what their answers looked like, and whether the
 * seats still add up afterwards.
 */

export interface TimedAnswer {
  res: ApiResponse;
  ms: number;
}

export async function timed(request: () => Promise<ApiResponse>): Promise<TimedAnswer> {
  const started = performance.now();
  const res = await request();
  return { res, ms: Math.round(performance.now() - started) };
}

/**
 * Starts `count` requests at once and strikes with `fault` as soon as the
 * first one is answered (so the others are under way, not yet begun or
 * done), then waits for every answer.
 */
export async function faultWhileInFlight(
  count: number,
  request: (i: number) => Promise<ApiResponse>,
  fault: () => void | Promise<void>,
): Promise<{ answers: TimedAnswer[]; inFlightAtFault: number }> {
  let answered = 0;
  const all = Array.from({ length: count }, (_, i) =>
    timed(() => request(i)).finally(() => {
      answered++;
    }),
  );
  await Promise.race(all);
  const inFlightAtFault = count - answered;
  await fault();
  return { answers: await Promise.all(all), inFlightAtFault };
}

/** Answers that are neither a 201 nor the documented 503 (problem+json, dependency_unavailable, Retry-After). */
export function unexpectedAnswers(answers: readonly TimedAnswer[], retryAfter: string): string[] {
  return answers
    .filter(({ res }) => {
      if (res.status === 201) return false;
      const documented503 =
        res.status === 503 &&
        res.headers.get('content-type') === 'application/problem+json' &&
        res.headers.get('retry-after') === retryAfter &&
        (res.body as { code?: string; status?: number })?.code === 'dependency_unavailable' &&
        (res.body as { status?: number })?.status === 503;
      return !documented503;
    })
    .map(({ res }) => `${res.status} ${JSON.stringify(res.body)} retry-after=${res.headers.get('retry-after')}`);
}

export function figures(answers: readonly TimedAnswer[]) {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  return { answers: tally(answers.map((a) => a.res)), maxMs: ms.at(-1) ?? 0, medianMs: ms[Math.floor(ms.length / 2)] ?? 0 };
}

/** Polls until `check` holds: a condition, not a sleep. */
export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** Every hold item in the table (the file's own table), by order id. */
async function allHolds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (let shard = 0; shard < HOLD_SHARDS; shard++) {
    const { data } = await db().entities.orderHold.query.byExpiry({ shard }).go({ pages: 'all' });
    for (const hold of data) ids.add(hold.orderId);
  }
  return ids;
}

const seatsOf = (orders: readonly OrderBody[], ticketTypeId: string) =>
  orders.reduce((sum, o) => sum + o.lines.filter((l) => l.ticketTypeId === ticketTypeId).reduce((s, l) => s + l.quantity, 0), 0);

export interface Ledger {
  counts: CountsView;
  orders: OrderBody[];
  pendingSeats: number;
  paidSeats: number;
  holds: Set<string>;
}

/** What availability says next to what the orders and holds say. */
export async function ledgerOf(call: ApiCaller, eventId: string, ticketTypeId: string): Promise<Ledger> {
  const counts = countsOf(await availability(call, eventId), ticketTypeId);
  const { items: orders } = await listAllOrders(call, eventId, { limit: 100 });
  return {
    counts,
    orders,
    pendingSeats: seatsOf(orders.filter((o) => o.status === 'pending'), ticketTypeId),
    paidSeats: seatsOf(orders.filter((o) => o.status === 'paid'), ticketTypeId),
    holds: await allHolds(),
  };
}

/**
 * The books balance: held seats are exactly the pending orders' seats, sold
 * seats the paid orders', each pending order has its hold and each hold its
 * pending order, and nothing is sold beyond capacity. Returns what does not.
 */
export function imbalances(ledger: Ledger): string[] {
  const { counts, orders, pendingSeats, paidSeats, holds } = ledger;
  const pending = new Set(orders.filter((o) => o.status === 'pending').map((o) => o.id));
  const problems: string[] = [];
  if (counts.held !== pendingSeats) problems.push(`held ${counts.held} ≠ ${pendingSeats} seats in pending orders`);
  if (counts.sold !== paidSeats) problems.push(`sold ${counts.sold} ≠ ${paidSeats} seats in paid orders`);
  if (counts.sold + counts.held > counts.capacity) problems.push(`oversold: sold ${counts.sold} + held ${counts.held} > capacity ${counts.capacity}`);
  if (counts.available !== counts.capacity - counts.sold - counts.held) problems.push(`available ${counts.available} does not add up`);
  for (const id of pending) if (!holds.has(id)) problems.push(`pending order ${id} has no hold`);
  for (const id of holds) if (!pending.has(id)) problems.push(`hold ${id} has no pending order`);
  return problems;
}

/** `fn` over `items`, at most `size` at a time; results in item order. */
export async function inPool<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

const fingerprint = (l: Ledger) =>
  JSON.stringify([l.counts, l.orders.map((o) => `${o.id}:${o.status}`).sort(), [...l.holds].sort()]);

/**
 * The books once nothing lands any more: writes a dependency took before or
 * during a fault, after their callers had given up, may still arrive. Two
 * readings in a row that agree mean none arrived in between (every order
 * write changes the counts, the orders and the holds together).
 */
export async function settledLedger(call: ApiCaller, eventId: string, ticketTypeId: string): Promise<Ledger> {
  let last: Ledger | undefined;
  await waitUntil('two equal readings of the books', async () => {
    const first = await ledgerOf(call, eventId, ticketTypeId);
    last = await ledgerOf(call, eventId, ticketTypeId);
    return fingerprint(first) === fingerprint(last);
  });
  return last!;
}
