import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import type { CreateSeatMapInput, SeatMapDocumentInput, SeatMapView } from './contract.ts';
import { storedDocument, withTicketTypes } from './map-document.ts';
import { toSeatMapView, type SeatMapItem } from './map-service.ts';
import { fromPretix } from './pretix.ts';
import { loadVenueSeatMap } from './venue-maps.ts';

// Apart from map-service.ts: only a new version sanitises an SVG, and
// sanitize-html with its parser (~190 KB) would otherwise load with every
// seating route (bench: bundles).

async function assertTicketTypesOfEvent(eventId: string, doc: SeatMapDocumentInput): Promise<void> {
  const ids = [...new Set(doc.categories.flatMap((c) => (c.ticketTypeId ? [c.ticketTypeId] : [])))];
  if (!ids.length) return;
  const { data } = await db().entities.ticketType.get(ids.map((ticketTypeId) => ({ eventId, ticketTypeId }))).go();
  const found = new Set(data.map((t) => t.ticketTypeId));
  const unknown = ids.filter((id) => !found.has(id));
  if (unknown.length) throw unprocessable('unknown_ticket_type', 'Categories map to ticket types this event does not have', { ticketTypeIds: unknown });
}

/** The document a new version starts from: a native map, a pretix import, or a copy of the event's venue map. */
async function baseDocument(eventId: string, input: CreateSeatMapInput): Promise<{ base: SeatMapDocumentInput; fromVenue?: { venueId: string; version: number } }> {
  if (input.map) return { base: withTicketTypes(input.map, input.categoryTicketTypes) };
  if (input.pretix) return { base: fromPretix(input.pretix, input.categoryTicketTypes) };
  const { venueId } = await loadEvent(eventId);
  const source = await loadVenueSeatMap(venueId, input.venueMap!.version);
  return { base: withTicketTypes(JSON.parse(source.document) as SeatMapDocumentInput, input.categoryTicketTypes), fromVenue: { venueId, version: source.version } };
}

/** A new draft version, from a native map, a pretix plan or the venue's map; nothing is on sale until it is published. */
export async function createSeatMap(eventId: string, input: CreateSeatMapInput): Promise<SeatMapView> {
  await loadEvent(eventId);
  const { base, fromVenue } = await baseDocument(eventId, input);
  const { doc, facts, document } = storedDocument(base, input);
  await assertTicketTypesOfEvent(eventId, doc);
  const { data: head } = await db().entities.seating.update({ eventId }).add({ latestVersion: 1 }).go({ response: 'all_new' });
  const at = nowIso();
  const { data } = await db()
    .entities.seatMap.create({
      eventId,
      version: head.latestVersion!,
      status: 'draft',
      name: doc.name,
      document,
      capacity: facts.capacity,
      seatCount: facts.seats.length,
      ...(fromVenue ? { venueId: fromVenue.venueId, venueMapVersion: fromVenue.version } : {}),
      createdAt: at,
      updatedAt: at,
    })
    .go();
  return toSeatMapView(data as SeatMapItem);
}
