import type { EntityItem } from 'electrodb';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { venueSeatMapEntity } from '#packages/core/db/entities/venue-seat-map.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { SeatMapDocumentInput, VenueSeatMapView } from './contract.ts';
import { mapFacts } from './map-model.ts';
import { toPretix } from './pretix.ts';

type VenueSeatMapItem = EntityItem<typeof venueSeatMapEntity>;

export function toVenueSeatMapView(item: VenueSeatMapItem): VenueSeatMapView {
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

export async function assertVenue(venueId: string): Promise<void> {
  const { data } = await db().entities.venue.get({ venueId }).go();
  if (!data) throw notFound('Venue', venueId);
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
  return toVenueSeatMapView(await loadVenueSeatMap(venueId, version));
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
