import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One point of the append-only metric stream (packages/features/analytics):
 * what a domain or SES event added to a metric, with its dimensions. Written
 * in the transaction that adds it to the aggregates (metricBucket), so the
 * raw stream and the aggregates never disagree; one partition per metric and
 * UTC day, so a day's raw points are one Query.
 */
export const metricPointSchema = {
  model: { entity: 'metricPoint', version: '1', service: SERVICE },
  attributes: {
    /** The metric's storage key: its name, and `:<currency>` for money (`revenue:EUR`). */
    metric: { type: 'string', required: true, readOnly: true },
    /** UTC day of `at` (YYYY-MM-DD). */
    day: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    /** The dedupe key of the point: the source event's id and the point's index in it. */
    pointId: { type: 'string', required: true, readOnly: true },
    value: { type: 'number', required: true },
    /** Dimension → value (event, ticketType, channel, promoter, campaign, utmSource, …); absent ones left out. */
    dims: { type: 'any' },
  },
  indexes: {
    byMetricDay: {
      pk: { field: 'pk', composite: ['metric', 'day'] },
      sk: { field: 'sk', composite: ['at', 'pointId'] },
    },
  },
} as const;

export declare const metricPointEntity: Db['entities']['metricPoint'];
