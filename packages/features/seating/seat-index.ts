import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { SeatMapDocumentInput } from './contract.ts';
import { mapFacts, type MapFacts, type PlacedSeat } from './map-model.ts';

export interface PublishedMap {
  doc: SeatMapDocumentInput;
  facts: MapFacts;
  /** Lower-cased guid → seat. */
  byGuid: Map<string, PlacedSeat>;
}

/** A published version never changes, so a process keeps the last few it read. */
const cache = new Map<string, Promise<PublishedMap>>();
const KEEP = 32;

export async function loadMapVersion(eventId: string, version: number, consistent = false) {
  const { data } = await db().entities.seatMap.get({ eventId, version }).go({ consistent });
  if (!data) throw notFound('Seat map version', `${eventId}/${version}`);
  return data;
}

export function indexOf(doc: SeatMapDocumentInput): PublishedMap {
  const facts = mapFacts(doc);
  return { doc, facts, byGuid: new Map(facts.seats.map((s) => [s.seatGuid.toLowerCase(), s])) };
}

/**
 * The published map's seats by guid, read once per process and version:
 * an order naming seats learns their sections from it (one GetItem of the
 * document the first time, nothing after).
 */
export function publishedMap(eventId: string, version: number): Promise<PublishedMap> {
  const key = `${eventId}#${version}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = loadMapVersion(eventId, version).then((item) => indexOf(JSON.parse(item.document) as SeatMapDocumentInput));
    entry.catch(() => cache.delete(key));
    if (cache.size >= KEEP) cache.delete(cache.keys().next().value!);
    cache.set(key, entry);
  }
  return entry;
}

export async function loadSeating(eventId: string) {
  const { data } = await db().entities.seating.get({ eventId }).go();
  if (!data?.publishedVersion) throw notFound('Published seat map of event', eventId);
  return data;
}
