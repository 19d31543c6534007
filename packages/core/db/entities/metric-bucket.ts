import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Slices of a bucket: a point lands in slice 0 unless its writer lost a race
 * lately (TransactionConflict), then in one picked at random. Quiet series
 * keep one item per bucket; a burst spreads over up to this many. A point's
 * transaction touches ~15–60 bucket items, all of them in one slice, so two
 * concurrent points collide only when they picked the same slice.
 */
export const METRIC_BUCKET_SHARDS = 16;

/**
 * Pre-aggregated metrics: the sums of the points of one series (metric
 * family × interval × what it is grouped or filtered by, packages/features/
 * analytics/series.ts) in one bucket (minute, hour or UTC day) for one
 * dimension value, in one slice. The sort key starts with the bucket, so a
 * time range of a series is one bounded Query reading every value and slice.
 * An item holds its key and one attribute per metric of the family,
 * `m_<metric key>` (`m_orders`, `m_revenue:EUR`: an order's metrics share
 * their items), written with ADD (a missing one starts at zero). Those are
 * named by data, so not declared here, and the composite fields below are
 * not stored (they would repeat the key in every item a query reads): the
 * entity builds the keys; analytics/bucket-update.ts writes the items and
 * reads the bucket back from the sort key, query-metric.ts reads them.
 */
export const metricBucketSchema = {
  model: { entity: 'metricBucket', version: '1', service: SERVICE },
  attributes: {
    series: { type: 'string', required: true, readOnly: true },
    bucketStart: { type: 'string', required: true, readOnly: true },
    /** The grouped dimension's value; `-` in a series that is not grouped. */
    dimValue: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    bySeries: {
      pk: { field: 'pk', composite: ['series'], casing: 'none' },
      sk: { field: 'sk', composite: ['bucketStart', 'dimValue', 'shard'], casing: 'none' },
    },
  },
} as const;

export declare const metricBucketEntity: Db['entities']['metricBucket'];
