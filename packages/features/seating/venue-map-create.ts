import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import type { CreateVenueSeatMapInput, VenueSeatMapView } from './contract.ts';
import { storedDocument } from './map-document.ts';
import { fromPretix } from './pretix.ts';
import { assertVenue, toVenueSeatMapView } from './venue-maps.ts';

// Apart from venue-maps.ts: only a new version sanitises an SVG, and
// sanitize-html with its parser (~190 KB) would otherwise load with every
// seating route (bench: bundles).

const CREATE_ATTEMPTS = 5;

async function latestVersion(venueId: string): Promise<number> {
  const { data } = await db().entities.venueSeatMap.query.byVenue({ venueId }).go({ order: 'desc', limit: 1, consistent: true, attributes: ['version'] });
  return data[0]?.version ?? 0;
}

/**
 * A new version of the venue's map. Versions never change once written (an
 * event may have adopted one); the number is the latest + 1, written only if
 * no other version took it meanwhile (ElectroDB's create is conditioned on
 * the key being new), read again after a lost race.
 */
export async function createVenueSeatMap(venueId: string, input: CreateVenueSeatMapInput): Promise<VenueSeatMapView> {
  await assertVenue(venueId);
  const base = input.map ?? fromPretix(input.pretix!);
  const typed = base.categories.filter((c) => c.ticketTypeId).map((c) => c.name);
  if (typed.length) throw unprocessable('invalid_seat_map', 'A venue map names no ticket types: each event maps its categories when it adopts the map', { categories: typed });
  const { doc, facts, document } = storedDocument(base, input);
  for (let attempt = 0; attempt < CREATE_ATTEMPTS; attempt++) {
    const at = nowIso();
    const item = { venueId, version: (await latestVersion(venueId)) + 1, name: doc.name, document, capacity: facts.capacity, seatCount: facts.seats.length, createdAt: at, updatedAt: at };
    try {
      await db().entities.venueSeatMap.create(item).go();
      return toVenueSeatMapView(item);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw conflict('concurrent_update', 'Other versions of this venue map were being added at the same time; try again');
}
