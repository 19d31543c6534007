import { BOOTH_TRAFFIC_SHARDS } from '#packages/core/db/entities/booth-traffic-shard.ts';
import { db } from '#packages/core/db/service.ts';
import { loadEvent } from '#packages/features/events/index.ts';

/** Booth traffic per hour: the event's counter slices (one Query each, side by side), summed per hour and booth. */
export async function boothTraffic(eventId: string) {
  await loadEvent(eventId);
  const slices = await Promise.all(
    Array.from({ length: BOOTH_TRAFFIC_SHARDS }, (_, shard) => db().entities.boothTrafficShard.query.byShard({ eventId, shard }).go({ pages: 'all' })),
  );
  const totals = new Map<string, { hour: string; boothGuid: string; exhibitorId?: string; visits: number }>();
  for (const { data } of slices) {
    for (const item of data) {
      const key = `${item.hour}|${item.boothGuid}`;
      const row = totals.get(key) ?? { hour: item.hour, boothGuid: item.boothGuid, ...(item.exhibitorId ? { exhibitorId: item.exhibitorId } : {}), visits: 0 };
      row.visits += item.visits ?? 0;
      totals.set(key, row);
    }
  }
  return { eventId, items: [...totals.values()].sort((a, b) => a.hour.localeCompare(b.hour) || a.boothGuid.localeCompare(b.boothGuid)) };
}
