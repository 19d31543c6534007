import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { valueAttribute } from './metrics.ts';

/** One bucket item of one series, in one slice. */
export interface BucketKey {
  series: string;
  bucketStart: string;
  dimValue: string;
  shard: number;
}

interface UpdateParams {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * ADDs several metrics' values to one bucket item: the item holds its key
 * and one attribute per metric key of the series' family (the revenue of
 * each currency has its own), named by data, which an ElectroDB entity
 * cannot declare. ElectroDB builds the key (and the transaction item); the
 * expression is ours: ADDs only, without the composite fields ElectroDB
 * would SET, which repeat the key — ~110 B of a ~260 B item, read by every
 * query (bucketOfSortKey reads the bucket and value back from the key).
 */
export function bucketAdd(entities: TransactionEntities, key: BucketKey, values: ReadonlyMap<string, number>): TransactionItem {
  const item = entities.metricBucket.update(key).set({}).commit();
  const update = (item as unknown as { Update: UpdateParams }).Update;
  const names: Record<string, string> = {};
  const amounts: Record<string, unknown> = {};
  const adds: string[] = [];
  for (const [metricKey, value] of values) {
    const i = adds.length;
    names[`#m${i}`] = valueAttribute(metricKey);
    amounts[`:m${i}`] = value;
    adds.push(`#m${i} :m${i}`);
  }
  if (!adds.length) throw new Error(`bucketAdd: nothing to add to ${key.series}`);
  update.UpdateExpression = `ADD ${adds.join(', ')}`;
  update.ExpressionAttributeNames = names;
  update.ExpressionAttributeValues = amounts;
  return item;
}

/** ElectroDB's sort key of a bucket item (entities/metric-bucket.ts: bucketStart, dimValue, shard; casing none). */
const SORT_KEY = /#bucketStart_([^#]+)#dimValue_([^#]*)#shard_(\d+)$/;

/** The bucket and dimension value of a bucket item, from its sort key (dimension values hold no `#`: cleanDimensions). */
export function bucketOfSortKey(sk: string): { bucketStart: string; dimValue: string } {
  const m = SORT_KEY.exec(sk);
  if (!m) throw new Error(`not a metric bucket's sort key: ${sk}`);
  return { bucketStart: m[1]!, dimValue: m[2]! };
}
