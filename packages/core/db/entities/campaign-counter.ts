import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Slices of a campaign's counters: a writer ADDs to one picked at random, a stats read sums all. */
export const CAMPAIGN_COUNTER_SHARDS = 10;

/**
 * One slice of a campaign's live counters (sending totals, SES outcomes,
 * unsubscribes). A 10,000-recipient send and its storm of delivery/open
 * events spread over ten items instead of one hot key. The counters are
 * plain numbers, never index composites, so ElectroDB's `add` is safe here;
 * DynamoDB's ADD starts a missing one (or a missing slice) at zero.
 */
export const campaignCounterSchema = {
  model: { entity: 'campaignCounter', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    audience: { type: 'number' },
    sent: { type: 'number' },
    skipped_unsubscribed: { type: 'number' },
    skipped_suppressed: { type: 'number' },
    skipped_no_consent: { type: 'number' },
    skipped_invalid_email: { type: 'number' },
    delivered: { type: 'number' },
    opened: { type: 'number' },
    clicked: { type: 'number' },
    bounced: { type: 'number' },
    complained: { type: 'number' },
    unsubscribed: { type: 'number' },
    failed: { type: 'number' },
  },
  indexes: {
    byShard: {
      pk: { field: 'pk', composite: ['campaignId', 'shard'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignCounterEntity: Db['entities']['campaignCounter'];
