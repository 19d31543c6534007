import { applyOnce, EffectRejected } from '#packages/core/bus/apply-once.ts';
import { METRIC_BUCKET_SHARDS } from '#packages/core/db/entities/metric-bucket.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { bucketAdd } from './bucket-update.ts';
import { bucketStart, familyOf, metricKey, type MetricPoint } from './metrics.ts';
import { cleanDimensions, seriesOf } from './series.ts';

/** Races lost on one transaction before the delivery is thrown back to the bus (which redelivers). */
const ATTEMPTS = 25;
/** After a lost race, this process writes to random slices for a while: a burst is on, slice 0 is where it collides. */
const BUSY_MS = 60_000;
/** DynamoDB's limit on the items of one transaction; one of them is the consumer's marker. */
const TRANSACTION_ITEMS = 100;
let busyUntil = 0;

interface BucketWrite {
  key: Omit<Parameters<typeof bucketAdd>[1], 'shard'>;
  /** Metric key → what the source event adds to it in this bucket. */
  values: Map<string, number>;
}

type Write = { raw: { pointId: string; point: MetricPoint; dims: MetricPoint['dims'] } } | { bucket: BucketWrite };

/**
 * Every bucket item a source event's points add to, merged: an order's
 * `orders`, `revenue` and `tickets_sold` points carry the same dimensions,
 * so they share their series' items (familyOf) and each item is written once
 * with one attribute per metric. In the order of the points (deterministic,
 * so a redelivery splits them into the same transactions).
 */
function bucketWrites(points: ReadonlyArray<{ point: MetricPoint; dims: MetricPoint['dims'] }>): BucketWrite[] {
  const byKey = new Map<string, BucketWrite>();
  for (const { point, dims } of points) {
    const key = metricKey(point.metric, point.currency);
    for (const target of seriesOf(familyOf(point.metric), dims)) {
      const bucket = { series: target.series, bucketStart: bucketStart(point.at, target.interval), dimValue: target.dimValue };
      const id = `${bucket.series}\n${bucket.bucketStart}\n${bucket.dimValue}`;
      let write = byKey.get(id);
      if (!write) byKey.set(id, (write = { key: bucket, values: new Map() }));
      write.values.set(key, (write.values.get(key) ?? 0) + point.value);
    }
  }
  return [...byKey.values()];
}

function itemOf(entities: TransactionEntities, write: Write, shard: number): TransactionItem {
  if ('bucket' in write) return bucketAdd(entities, { ...write.bucket.key, shard }, write.bucket.values);
  const { pointId, point, dims } = write.raw;
  const key = metricKey(point.metric, point.currency);
  return entities.metricPoint.put({ metric: key, day: point.at.slice(0, 10), at: point.at, pointId, value: point.value, dims }).commit();
}

/**
 * One transaction of writes with the consumer's marker `markerId`: a
 * redelivered source event finds the marker and changes nothing. The first
 * try writes slice 0 of each bucket; a lost race retries on a slice picked at
 * random, and for a minute after one the process starts on random slices
 * too. Returns false when it had been applied already.
 */
async function applyChunk(scope: string, markerId: string, writes: readonly Write[]): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const shard = attempt === 0 && Date.now() >= busyUntil ? 0 : Math.floor(Math.random() * METRIC_BUCKET_SHARDS);
    try {
      return await applyOnce(scope, markerId, (entities) => writes.map((w) => itemOf(entities, w, shard)));
    } catch (error) {
      if (!(error instanceof EffectRejected) || attempt + 1 >= ATTEMPTS) throw error;
      busyUntil = Date.now() + BUSY_MS;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * (attempt + 1)));
    }
  }
}

/**
 * The points of one source event, once: each appended to the raw stream
 * (id `<sourceId>#<index>`) and ADDed to every aggregate it belongs to, in
 * as few transactions as fit (one for an order but the largest), each with
 * its marker `<sourceId>#<n>` — the ids the markers of the first points had
 * when each point was a transaction of its own, so an event recorded before
 * is not counted again. Returns how many points were new.
 */
export async function recordPoints(scope: string, sourceId: string, points: readonly MetricPoint[]): Promise<number> {
  const raw = points
    .map((point, i) => ({ pointId: `${sourceId}#${i}`, point, dims: cleanDimensions(point.dims) }))
    .filter(({ point }) => point.value !== 0);
  if (!raw.length) return 0;
  const writes: Write[] = [...raw.map((r) => ({ raw: r })), ...bucketWrites(raw).map((bucket) => ({ bucket }))];
  let recorded = 0;
  for (let n = 0; n * (TRANSACTION_ITEMS - 1) < writes.length; n++) {
    const chunk = writes.slice(n * (TRANSACTION_ITEMS - 1), (n + 1) * (TRANSACTION_ITEMS - 1));
    if (await applyChunk(scope, `${sourceId}#${n}`, chunk)) recorded += chunk.filter((w) => 'raw' in w).length;
  }
  return recorded;
}
