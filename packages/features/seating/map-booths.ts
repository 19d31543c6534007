import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import type { MapBoothInput } from './contract.ts';
import { publishedMap } from './seat-index.ts';

/** The booths drawn on the event's published map (trade shows sell them: packages/features/exhibitors). */
export async function publishedBooths(eventId: string): Promise<MapBoothInput[]> {
  const { data: head } = await db().entities.seating.get({ eventId }).go();
  if (!head?.publishedVersion) throw notFound('Published seat map of event', eventId);
  return (await publishedMap(eventId, head.publishedVersion)).doc.booths ?? [];
}
