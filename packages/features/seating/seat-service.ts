import { notFound, unprocessable } from '#packages/core/errors.ts';
import { loadSeating, publishedMap } from './seat-index.ts';
import { sectionSeats } from './seat-store.ts';

/** Each seat's state in one section: ONE eventually consistent Query, what a map client polls. */
export async function listSeats(eventId: string, sectionId: string) {
  const seats = await sectionSeats(eventId, sectionId);
  if (!seats.length) await assertSectionPublished(eventId, sectionId);
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
 * An empty section is either one of tables or standing room only, or a name
 * the published map does not have (a typo, an old version's section): the
 * second is a 404, not an empty map. Read only when the Query found no seat.
 */
async function assertSectionPublished(eventId: string, sectionId: string): Promise<void> {
  const head = await loadSeating(eventId);
  const { doc } = await publishedMap(eventId, head.publishedVersion!);
  const wanted = sectionId.toLowerCase();
  if (!doc.zones.some((zone) => zone.sections.some((section) => section.sectionId.toLowerCase() === wanted))) {
    throw notFound('Section of the published seat map', sectionId);
  }
}
