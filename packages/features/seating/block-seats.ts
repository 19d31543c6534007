import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { allocate, eventPool, readPools, shardUpdates, ticketTypePool, type Allocation } from '#packages/features/inventory/index.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import type { PlacedSeat } from './map-model.ts';
import { loadSeating } from './seat-index.ts';
import { refsOf } from './seat-service.ts';

/** A transaction holds at most 100 items: the seats plus one counter slice per pool and shard touched. */
const TX_ITEMS = 100;

type Slice = { poolId: string; shard: number };
type BlockedView = { eventId: string; seatGuids: string[]; state: 'blocked' | 'free' };

/** The pools a seat's place counts in: its ticket type's and the event's total (when the event caps it). */
async function poolsOf(eventId: string, seats: readonly PlacedSeat[]): Promise<{ shards: Map<string, number>; poolsOfSeat: (s: PlacedSeat) => string[] }> {
  const typeIds = [...new Set(seats.flatMap((s) => (s.ticketTypeId ? [s.ticketTypeId] : [])))];
  const [event, types] = await Promise.all([
    db().entities.event.get({ eventId }).go(),
    typeIds.length ? db().entities.ticketType.get(typeIds.map((ticketTypeId) => ({ eventId, ticketTypeId }))).go() : { data: [] },
  ]);
  const shards = new Map<string, number>(types.data.map((t) => [ticketTypePool(t.ticketTypeId), t.inventoryShards]));
  const total = event.data?.inventoryShards;
  if (total) shards.set(eventPool(eventId), total);
  const poolsOfSeat = (s: PlacedSeat) => [
    ...(s.ticketTypeId && shards.has(ticketTypePool(s.ticketTypeId)) ? [ticketTypePool(s.ticketTypeId)] : []),
    ...(total ? [eventPool(eventId)] : []),
  ];
  return { shards, poolsOfSeat };
}

/** Each seat's slice per pool, handed out from the allocations in order. */
function slicesPerSeat(seats: readonly PlacedSeat[], poolsOfSeat: (s: PlacedSeat) => string[], allocations: readonly Allocation[]): Map<string, Slice[]> {
  const left = allocations.map((a) => ({ ...a }));
  const result = new Map<string, Slice[]>();
  for (const seat of seats) {
    result.set(
      seat.seatGuid,
      poolsOfSeat(seat).map((poolId) => {
        const from = left.find((a) => a.poolId === poolId && a.quantity > 0)!;
        from.quantity--;
        return { poolId, shard: from.shard };
      }),
    );
  }
  return result;
}

function blockItems(entities: TransactionEntities, eventId: string, seat: PlacedSeat, from: Slice[]): TransactionItem {
  return entities.seat
    .patch({ eventId, sectionId: seat.sectionId, seatGuid: seat.seatGuid })
    .set({ state: 'blocked', blockedFrom: from })
    .where((a, op) => op.eq(a.state, 'free'))
    .commit();
}

function refused(seatGuids: string[], change: 'block' | 'unblock'): never {
  if (!seatGuids.length) throw conflict('seats_busy', 'The seats were being changed at the same moment; try again');
  throw conflict('seats_unavailable', change === 'block' ? 'Only free seats can be blocked' : 'Only blocked seats can be released', { seatGuids });
}

/**
 * An organiser takes free seats off sale, all or nothing: in ONE transaction
 * each seat goes free → blocked and its places leave the availability
 * counters (its ticket type's and the event's total: `available` → `blocked`,
 * conditioned like a sale), so the counters and `GET /seats` always agree.
 * The slices read are only where to take from; a slice that turned short
 * meanwhile cancels the transaction and the pools are read again.
 */
export async function blockSeats(eventId: string, seatGuids: readonly string[]): Promise<BlockedView> {
  const head = await loadSeating(eventId);
  const seats = await refsOf(eventId, head.publishedVersion!, seatGuids);
  const { shards, poolsOfSeat } = await poolsOf(eventId, seats);
  const demand = new Map<string, number>();
  for (const seat of seats) for (const pool of poolsOfSeat(seat)) demand.set(pool, (demand.get(pool) ?? 0) + 1);
  const result = await withRaceRetries(async () => {
    const allocations = allocate(demand, await readPools(new Map([...demand.keys()].map((p) => [p, shards.get(p)!]))));
    if (!allocations) throw conflict('seats_unavailable', 'The counters have fewer places available than seats to block: sold or held meanwhile');
    if (seats.length + allocations.length > TX_ITEMS) throw unprocessable('too_many_seats', `Block at most ${TX_ITEMS - allocations.length} seats at once`);
    const slices = slicesPerSeat(seats, poolsOfSeat, allocations);
    const tx = namedTransaction<string>();
    for (const seat of seats) tx.add(`seat:${seat.seatGuid}`, blockItems(tx.entities, eventId, seat, slices.get(seat.seatGuid)!));
    allocations.forEach((a, i) => tx.add(`pool:${i}`, ...shardUpdates(tx.entities, [a], 'block')));
    const written = await tx.go();
    if (!written.canceled) return true;
    const lost = seats.filter((s) => tx.rejected(written, `seat:${s.seatGuid}`)).map((s) => s.seatGuid);
    if (lost.length) refused(lost, 'block');
    return RETRY;
  });
  if (result === RETRY) refused([], 'block');
  return { eventId, seatGuids: seats.map((s) => s.seatGuid), state: 'blocked' };
}

/**
 * Blocked seats back on sale, all or nothing: blocked → free and their places
 * back on the very slices their block took them from (read from the seats;
 * the seat's condition on `blocked` decides a race).
 */
export async function releaseSeats(eventId: string, seatGuids: readonly string[], publishedVersion?: number): Promise<BlockedView> {
  const version = publishedVersion ?? (await loadSeating(eventId)).publishedVersion!;
  const seats = await refsOf(eventId, version, seatGuids);
  const { data: items } = await db().entities.seat.get(seats.map((s) => ({ eventId, sectionId: s.sectionId, seatGuid: s.seatGuid }))).go({ consistent: true });
  const byGuid = new Map(items.map((i) => [i.seatGuid.toLowerCase(), i]));
  const notBlocked = seats.filter((s) => byGuid.get(s.seatGuid.toLowerCase())?.state !== 'blocked').map((s) => s.seatGuid);
  if (notBlocked.length) refused(notBlocked, 'unblock');
  const perSlice = new Map<string, Allocation>();
  for (const seat of seats) {
    for (const { poolId, shard } of byGuid.get(seat.seatGuid.toLowerCase())!.blockedFrom ?? []) {
      const key = `${poolId}#${shard}`;
      perSlice.set(key, { poolId, shard, quantity: (perSlice.get(key)?.quantity ?? 0) + 1 });
    }
  }
  const tx = namedTransaction<string>();
  for (const seat of seats) {
    tx.add(
      `seat:${seat.seatGuid}`,
      tx.entities.seat
        .patch({ eventId, sectionId: seat.sectionId, seatGuid: seat.seatGuid })
        .set({ state: 'free' })
        .remove(['blockedFrom'])
        .where((a, op) => op.eq(a.state, 'blocked'))
        .commit(),
    );
  }
  [...perSlice.values()].forEach((a, i) => tx.add(`pool:${i}`, ...shardUpdates(tx.entities, [a], 'unblock')));
  const written = await tx.go();
  if (written.canceled) refused(seats.filter((s) => tx.rejected(written, `seat:${s.seatGuid}`)).map((s) => s.seatGuid), 'unblock');
  return { eventId, seatGuids: seats.map((s) => s.seatGuid), state: 'free' };
}
