import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';
import { retained } from '../retention.ts';

/**
 * What SES and the recipient did with one campaign mail: one item per
 * (campaign, contact), created by the first SES event or unsubscribe about
 * it. Each `*At` is set once, under `attribute_not_exists`, and the counter
 * of the campaign moves in the same transaction — so a duplicated SES event
 * (at-least-once, and SES itself may repeat) counts once, and events in any
 * order land on their own attribute without undoing another's.
 */
export const campaignEngagementSchema = {
  model: { entity: 'campaignEngagement', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    messageId: { type: 'string' },
    deliveredAt: { type: 'string' },
    openedAt: { type: 'string' },
    clickedAt: { type: 'string' },
    /** A/B tests: the first open by a person, and the first by a machine (privacy proxy, scanner: ab/machine-open.ts). */
    humanOpenedAt: { type: 'string' },
    machineOpenedAt: { type: 'string' },
    /** The first link followed. */
    firstLink: { type: 'string' },
    bouncedAt: { type: 'string' },
    /** `Permanent` wins over a `Transient` recorded before it, never the other way. */
    bounceType: { type: 'string' },
    complainedAt: { type: 'string' },
    /** The recipient unsubscribed through this campaign's mail (counted once per campaign). */
    unsubscribedAt: { type: 'string' },
    ...timestamps,
    ...retained('campaign'),
  },
  indexes: {
    byRecipient: {
      pk: { field: 'pk', composite: ['campaignId', 'contactId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignEngagementEntity: Db['entities']['campaignEngagement'];
