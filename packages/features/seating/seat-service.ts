import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { loadSeating } from './map-service.ts';
import { publishedMap } from './seat-index.ts';
import { sectionSeats, seatUpdate, type SeatRef } from './seat-store.ts';

/** Each seat's state in one section: ONE eventually consistent Query, what a map client polls. */
export async function listSeats(eventId: string, sectionId: string) {
  const seats = await sectionSeats(eventId, sectionId);
  return {
    eventId,
    sectionId,
    seats: seats
      .sort((a, b) => a.row.localeCompare(b.row, undefined, { numeric: true }) || a.rank - b.rank)
      .map((s) => ({ seatGuid: s.seatGuid, state: s.state, category: s.category, row: s.row, number: s.number })),
  };
}

/** The published map's seats for these guids, or 422 naming the unknown ones. */
export async function refsOf(eventId: string, version: number, seatGuids: readonly string[]) {
  const map = await publishedMap(eventId, version);
  const unique = [...new Set(seatGuids.map((g) => g.toLowerCase()))];
  if (unique.length !== seatGuids.length) throw unprocessable('duplicate_seat', 'A seat is named twice');
  const unknown = seatGuids.filter((g) => !map.byGuid.has(g.toLowerCase()));
  if (unknown.length) throw unprocessable('unknown_seat', 'These seats are not on the published map', { seatGuids: unknown });
  return seatGuids.map((g) => map.byGuid.get(g.toLowerCase())!);
}

/**
 * An organiser takes seats off sale (`block`: free → blocked) or puts them
 * back (`unblock`: blocked → free), all or nothing in one transaction; a
 * seat in another state refuses the whole request, named.
 */
export async function changeBlock(eventId: string, seatGuids: readonly string[], change: 'block' | 'unblock') {
  const head = await loadSeating(eventId);
  const seats = await refsOf(eventId, head.publishedVersion!, seatGuids);
  const tx = namedTransaction<string>();
  for (const seat of seats) tx.add(seat.seatGuid, seatUpdate(tx.entities, eventId, seat satisfies SeatRef, change));
  const result = await tx.go();
  if (result.canceled) {
    const refused = seats.filter((s) => tx.rejected(result, s.seatGuid)).map((s) => s.seatGuid);
    if (!refused.length) throw conflict('seats_busy', 'The seats were being changed at the same moment; try again');
    throw conflict('seats_unavailable', change === 'block' ? 'Only free seats can be blocked' : 'Only blocked seats can be released', { seatGuids: refused });
  }
  return { eventId, seatGuids: seats.map((s) => s.seatGuid), state: change === 'block' ? ('blocked' as const) : ('free' as const) };
}
