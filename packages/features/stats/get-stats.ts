import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { statsView, sumShards, type EventStats } from './counters.ts';
import { readStatsShards } from './shard-store.ts';

/**
 * An event's live stats: the ten counter shards read in one BatchGetItem
 * (eventually consistent, ≤ 5 RCU) and summed, alongside a GetItem of the
 * event (0.5 RCU) so an unknown event is a 404. Counters trail the scans by
 * the consumers' delay (typically well under a second).
 */
export async function getEventStats(eventId: string): Promise<EventStats> {
  const [event, shards] = await Promise.all([
    db().entities.event.get({ eventId }).go({ attributes: ['eventId'] }),
    readStatsShards(eventId),
  ]);
  if (!event.data) throw notFound('Event', eventId);
  return statsView(eventId, sumShards(shards), nowIso());
}
