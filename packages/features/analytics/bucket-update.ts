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
 * ADDs several metrics' values to one bucket item. The metric sums are
 * attributes named by data (one per metric key of the series' family: the
 * revenue of each currency has its own), which an ElectroDB entity cannot
 * declare; so ElectroDB builds the item's key and composite fields (an
 * update that only SETs them) and the ADDs are appended to its expression.
 */
export function bucketAdd(entities: TransactionEntities, key: BucketKey, values: ReadonlyMap<string, number>): TransactionItem {
  const item = entities.metricBucket.update(key).set({}).commit();
  const update = (item as unknown as { Update: UpdateParams }).Update;
  const adds: string[] = [];
  for (const [metricKey, value] of values) {
    const i = adds.length;
    update.ExpressionAttributeNames[`#m${i}`] = valueAttribute(metricKey);
    update.ExpressionAttributeValues[`:m${i}`] = value;
    adds.push(`#m${i} :m${i}`);
  }
  if (adds.length) update.UpdateExpression += ` ADD ${adds.join(', ')}`;
  return item;
}
