import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Slices of one arm's counters: a writer ADDs to one picked at random, a read sums all. */
export const CAMPAIGN_VARIANT_COUNTER_SHARDS = 5;

/**
 * One slice of the counters of one arm of an A/B-tested campaign (a variant of the test share, or `rest`):
 * mails SES accepted, and what SES and the recipients did with them, opens by people and by machines apart.
 * Each ADD rides in the transaction that records its fact (the recipient's `sent`, the engagement item's
 * `*At`), so it counts exactly once; spread over slices as the campaign's own counters are.
 */
export const campaignVariantCounterSchema = {
  model: { entity: 'campaignVariantCounter', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    arm: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    sent: { type: 'number' },
    delivered: { type: 'number' },
    opened: { type: 'number' },
    machineOpened: { type: 'number' },
    clicked: { type: 'number' },
  },
  indexes: {
    byShard: {
      pk: { field: 'pk', composite: ['campaignId', 'arm', 'shard'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignVariantCounterEntity: Db['entities']['campaignVariantCounter'];
