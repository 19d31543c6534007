import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { venueSeatMapEntity } from '#packages/core/db/entities/venue-seat-map.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import type { CreateVenueSeatMapInput, SeatMapDocumentInput, VenueSeatMapView } from './contract.ts';
import { storedDocument } from './map-document.ts';
import { mapFacts } from './map-model.ts';
import { fromPretix, toPretix } from './pretix.ts';

type VenueSeatMapItem = EntityItem<typeof venueSeatMapEntity>;

const CREATE_ATTEMPTS = 5;

function toView(item: VenueSeatMapItem): VenueSeatMapView {
  const map = JSON.parse(item.document) as SeatMapDocumentInput;
  return {
    venueId: item.venueId,
    version: item.version,
    name: item.name,
    capacity: item.capacity,
    seatCount: item.seatCount,
    categories: mapFacts(map).categories,
    map,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

async function assertVenue(venueId: string): Promise<void> {
  const { data } = await db().entities.venue.get({ venueId }).go();
  if (!data) throw notFound('Venue', venueId);
}

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
      return toView(item);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  throw conflict('concurrent_update', 'Other versions of this venue map were being added at the same time; try again');
}

export async function loadVenueSeatMap(venueId: string, version: number): Promise<VenueSeatMapItem> {
  const { data } = await db().entities.venueSeatMap.get({ venueId, version }).go();
  if (!data) throw notFound('Venue seat map version', `${venueId}/${version}`);
  return data;
}

export async function listVenueSeatMaps(venueId: string) {
  await assertVenue(venueId);
  const { data } = await db().entities.venueSeatMap.query.byVenue({ venueId }).go({ pages: 'all', attributes: ['venueId', 'version', 'name', 'capacity', 'seatCount', 'createdAt'] });
  return { items: data.sort((a, b) => a.version - b.version) };
}

export async function getVenueSeatMap(venueId: string, version: number): Promise<VenueSeatMapView> {
  return toView(await loadVenueSeatMap(venueId, version));
}

export async function exportVenuePretix(venueId: string, version: number) {
  return toPretix(JSON.parse((await loadVenueSeatMap(venueId, version)).document) as SeatMapDocumentInput);
}

/** Removes a version from the venue; events that adopted it keep their own copy, untouched. */
export async function deleteVenueSeatMap(venueId: string, version: number): Promise<void> {
  try {
    await db().entities.venueSeatMap.delete({ venueId, version }).where((a, op) => op.exists(a.version)).go();
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Venue seat map version', `${venueId}/${version}`);
    throw error;
  }
}
