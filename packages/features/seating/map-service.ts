import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import type { seatMapEntity } from '#packages/core/db/entities/seat-map.ts';
import type { seatingEntity } from '#packages/core/db/entities/seating.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { updateTicketType } from '#packages/features/ticket-types/index.ts';
import type { SeatMapDocumentInput, SeatMapView } from './contract.ts';
import { mapFacts, type PlacedSeat } from './map-model.ts';
import { toPretix } from './pretix.ts';
import { indexOf, loadMapVersion } from './seat-index.ts';
import { sectionSeats, type SeatItem } from './seat-store.ts';
import { releaseSeats } from './block-seats.ts';

export type SeatMapItem = EntityItem<typeof seatMapEntity>;
export type SeatingHead = EntityItem<typeof seatingEntity>;

const TX_ITEMS = 100;

export function toSeatMapView(item: SeatMapItem): SeatMapView {
  const map = JSON.parse(item.document) as SeatMapDocumentInput;
  return {
    eventId: item.eventId,
    version: item.version,
    status: item.status,
    name: item.name,
    capacity: item.capacity,
    seatCount: item.seatCount,
    categories: mapFacts(map).categories,
    map,
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
    ...(item.venueId && item.venueMapVersion ? { fromVenueMap: { venueId: item.venueId, version: item.venueMapVersion } } : {}),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

export async function listSeatMaps(eventId: string) {
  await loadEvent(eventId);
  const { data } = await db().entities.seatMap.query.byEvent({ eventId }).go({ pages: 'all', attributes: ['eventId', 'version', 'status', 'name', 'capacity', 'seatCount', 'createdAt'] });
  return { items: data.sort((a, b) => a.version - b.version) };
}

export async function getSeatMap(eventId: string, version: number): Promise<SeatMapView> {
  return toSeatMapView(await loadMapVersion(eventId, version));
}

export async function exportPretix(eventId: string, version: number) {
  const item = await loadMapVersion(eventId, version);
  return toPretix(JSON.parse(item.document) as SeatMapDocumentInput);
}

const seatKey = (sectionId: string, guid: string) => `${sectionId.toLowerCase()}\u0000${guid.toLowerCase()}`;

function described(seat: PlacedSeat, version: number) {
  return {
    category: seat.category,
    ...(seat.ticketTypeId ? { ticketTypeId: seat.ticketTypeId } : {}),
    row: seat.row,
    rank: seat.rank,
    number: seat.number,
    x: seat.x,
    y: seat.y,
    version,
  };
}

const sameDescription = (item: SeatItem, seat: PlacedSeat) =>
  item.category === seat.category && item.ticketTypeId === seat.ticketTypeId && item.row === seat.row && item.rank === seat.rank && item.number === seat.number && item.x === seat.x && item.y === seat.y;

async function runChunks(items: { name: string; item: TransactionItem }[]): Promise<void> {
  for (let i = 0; i < items.length; i += TX_ITEMS) {
    const tx = namedTransaction<string>();
    for (const { name, item } of items.slice(i, i + TX_ITEMS)) tx.add(name, item);
    const result = await tx.go();
    if (result.canceled) {
      const refused = [...new Set(tx.names.filter((n) => tx.rejected(result, n)))];
      throw conflict('seats_in_use', 'Seats changed while the map was being published; nothing after them was written. Publish again.', { seatGuids: refused });
    }
  }
}

/**
 * Publishes a version: its seats become the event's seat items. Refused with
 * 409 `seats_in_use` (naming the seats) when it would remove a seat that is
 * held or sold; the removals that go ahead are deletes conditioned on the
 * seat being free or blocked, so a sale racing the publish is never dropped
 * either. Seated ticket types' capacities become what the map gives them.
 */
export async function publishSeatMap(eventId: string, version: number): Promise<SeatMapView> {
  const item = await loadMapVersion(eventId, version, true);
  if (item.status === 'published') return toSeatMapView(item);
  const { data: head } = await db().entities.seating.get({ eventId }).go({ consistent: true });
  const next = indexOf(JSON.parse(item.document) as SeatMapDocumentInput);
  const previous = head?.publishedVersion ? indexOf(JSON.parse((await loadMapVersion(eventId, head.publishedVersion, true)).document)) : null;
  const sections = new Set([...(previous?.facts.seats ?? []), ...next.facts.seats].map((s) => s.sectionId));
  const existing = (await Promise.all([...sections].map((s) => sectionSeats(eventId, s, true)))).flat();
  const wanted = new Map(next.facts.seats.map((s) => [seatKey(s.sectionId, s.seatGuid), s]));
  const removed = existing.filter((s) => !wanted.has(seatKey(s.sectionId, s.seatGuid)));
  const inUse = removed.filter((s) => s.state === 'held' || s.state === 'sold');
  if (inUse.length) {
    throw conflict('seats_in_use', `Publishing version ${version} would remove ${inUse.length} seat(s) that are held or sold`, {
      seatGuids: inUse.map((s) => s.seatGuid),
    });
  }
  // A blocked seat leaving the map gives its places back to the counters before it goes.
  const removedBlocked = removed.filter((s) => s.state === 'blocked').map((s) => s.seatGuid);
  if (removedBlocked.length && head?.publishedVersion) await releaseSeats(eventId, removedBlocked, head.publishedVersion);
  await resizeSeatedTypes(eventId, next.facts.categories);
  const { entities } = namedTransaction<string>();
  const have = new Map(existing.map((s) => [seatKey(s.sectionId, s.seatGuid), s]));
  const writes: { name: string; item: TransactionItem }[] = [
    ...removed.map((s) => ({
      name: s.seatGuid,
      item: entities.seat
        .delete({ eventId, sectionId: s.sectionId, seatGuid: s.seatGuid })
        .where((a, op) => `${op.eq(a.state, 'free')} OR ${op.eq(a.state, 'blocked')}`)
        .commit(),
    })),
    ...next.facts.seats.flatMap((seat) => {
      const current = have.get(seatKey(seat.sectionId, seat.seatGuid));
      if (!current) {
        return [{ name: seat.seatGuid, item: entities.seat.create({ eventId, sectionId: seat.sectionId, seatGuid: seat.seatGuid, state: 'free', ...described(seat, version) }).commit() }];
      }
      if (sameDescription(current, seat)) return [];
      return [{ name: seat.seatGuid, item: entities.seat.patch({ eventId, sectionId: seat.sectionId, seatGuid: current.seatGuid }).set(described(seat, version)).commit() }];
    }),
  ];
  await runChunks(writes);
  const at = nowIso();
  const tx = namedTransaction<'head' | 'version' | 'previous'>();
  tx.add(
    'head',
    tx.entities.seating
      .patch({ eventId })
      .set({
        publishedVersion: version,
        categories: next.facts.categories.map((c) => ({ name: c.name, ...(c.ticketTypeId ? { ticketTypeId: c.ticketTypeId } : {}), sectionIds: next.facts.sectionsByCategory.get(c.name) ?? [] })),
        focalPoint: next.facts.focalPoint,
        updatedAt: at,
      })
      .where((a, op) => (head?.publishedVersion ? op.eq(a.publishedVersion, head.publishedVersion) : op.notExists(a.publishedVersion)))
      .commit(),
  )
    .add('version', tx.entities.seatMap.patch({ eventId, version }).set({ status: 'published', publishedAt: at, updatedAt: at }).commit())
    .add('previous', ...(head?.publishedVersion ? [tx.entities.seatMap.patch({ eventId, version: head.publishedVersion }).set({ status: 'superseded', updatedAt: at }).commit()] : []));
  const result = await tx.go();
  if (result.canceled) throw conflict('concurrent_publish', 'Another version was published at the same time; publish again');
  return toSeatMapView({ ...item, status: 'published', publishedAt: at, updatedAt: at });
}

/** Capacity derived from the map: each mapped ticket type sells exactly its categories' seats and GA places. */
async function resizeSeatedTypes(eventId: string, categories: ReturnType<typeof mapFacts>['categories']): Promise<void> {
  const perType = new Map<string, number>();
  for (const c of categories) if (c.ticketTypeId) perType.set(c.ticketTypeId, (perType.get(c.ticketTypeId) ?? 0) + c.capacity);
  for (const [ticketTypeId, capacity] of perType) await updateTicketType(eventId, ticketTypeId, { capacity });
}

export { loadSeating } from './seat-index.ts';
