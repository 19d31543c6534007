import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';
import { retained } from '../retention.ts';

export const RECIPIENT_STATUSES = ['pending', 'sending', 'sent', 'skipped', 'failed', 'unknown'] as const;
export const SKIP_REASONS = ['unsubscribed', 'suppressed', 'no_consent', 'invalid_email'] as const;

export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * One contact of one campaign's audience: created once (put only if absent)
 * when the audience is resolved, then moved forward by conditional writes
 * only: pending → sending (claimed, before SES is called) → sent | failed,
 * or pending → skipped, or sending → unknown (the claim's lease ran out
 * without an answer recorded; never resent). The claim is what makes a
 * retried or duplicated chunk unable to mail anyone twice.
 */
export const campaignRecipientSchema = {
  model: { entity: 'campaignRecipient', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    /** The address when the audience was resolved (the send uses the contact's current one). */
    email: { type: 'string' },
    status: { type: RECIPIENT_STATUSES, required: true },
    skipReason: { type: SKIP_REASONS },
    /** Who holds the claim (one id per chunk run) and since when. */
    claimToken: { type: 'string' },
    claimedAt: { type: 'string' },
    /** SES MessageId: the tracking consumer finds the recipient of an SES event by it. */
    messageId: { type: 'string' },
    sentAt: { type: 'string' },
    /** A/B test: the variant mailed, and whether the recipient was in the test share or the rest (which gets the winner). */
    variant: { type: 'string' },
    abGroup: { type: ['test', 'rest'] as const },
    /** Why SES refused it (status failed). */
    failure: { type: 'string' },
    ...timestamps,
    ...retained('campaign'),
  },
  indexes: {
    byCampaign: { pk: { field: 'pk', composite: ['campaignId'] }, sk: { field: 'sk', composite: ['contactId'] } },
    /** Sparse: only recipients SES accepted. */
    byMessage: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['messageId'] },
      sk: { field: 'gsi1sk', composite: [] },
      condition: (attr: { messageId?: string }) => attr.messageId !== undefined,
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignRecipientEntity: Db['entities']['campaignRecipient'];
