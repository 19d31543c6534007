import { applyOnce, EffectRejected } from '#packages/core/bus/apply-once.ts';
import { METRIC_BUCKET_SHARDS } from '#packages/core/db/entities/metric-bucket.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { bucketStart, metricKey, type MetricPoint } from './metrics.ts';
import { cleanDimensions, seriesOf } from './series.ts';

/** Races lost on one point before the delivery is thrown back to the bus (which redelivers). */
const ATTEMPTS = 25;
/** After a lost race, this process writes to random slices for a while: a burst is on, slice 0 is where it collides. */
const BUSY_MS = 60_000;
let busyUntil = 0;

function pointItems(entities: TransactionEntities, point: MetricPoint, pointId: string, shard: number): TransactionItem[] {
  const key = metricKey(point.metric, point.currency);
  const dims = cleanDimensions(point.dims);
  const items: TransactionItem[] = [
    entities.metricPoint.put({ metric: key, day: point.at.slice(0, 10), at: point.at, pointId, value: point.value, dims }).commit(),
  ];
  for (const target of seriesOf(key, dims)) {
    items.push(
      entities.metricBucket
        .update({ series: target.series, bucketStart: bucketStart(point.at, target.interval), dimValue: target.dimValue, shard })
        .add({ value: point.value })
        .commit(),
    );
  }
  return items;
}

/**
 * Appends one point to the raw stream and ADDs it to every aggregate it
 * belongs to, with the consumer's marker for `pointId`, in ONE transaction:
 * a redelivered source event finds the marker and changes nothing. The
 * first try writes slice 0 of each bucket; a lost race retries on a slice
 * picked at random, and for a minute after one the process starts on random
 * slices too. Returns false when the point had been recorded already.
 */
export async function recordPoint(scope: string, pointId: string, point: MetricPoint): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const shard = attempt === 0 && Date.now() >= busyUntil ? 0 : Math.floor(Math.random() * METRIC_BUCKET_SHARDS);
    try {
      return await applyOnce(scope, pointId, (entities) => pointItems(entities, point, pointId, shard));
    } catch (error) {
      if (!(error instanceof EffectRejected) || attempt + 1 >= ATTEMPTS) throw error;
      busyUntil = Date.now() + BUSY_MS;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
    }
  }
}

/** The points of one source event, each once (its id `<sourceId>#<index>`); returns how many were new. */
export async function recordPoints(scope: string, sourceId: string, points: readonly MetricPoint[]): Promise<number> {
  let recorded = 0;
  for (const [i, point] of points.entries()) {
    if (point.value === 0) continue;
    if (await recordPoint(scope, `${sourceId}#${i}`, point)) recorded++;
  }
  return recorded;
}
