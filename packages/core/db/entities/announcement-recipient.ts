import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

export const ANNOUNCEMENT_RECIPIENT_STATUSES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;

/**
 * One address of one announcement's audience, created only if absent before
 * anything is sent, then moved forward by conditional writes only (as a
 * campaign recipient): pending → sending (claimed, before SES is called) →
 * sent | failed | unknown (SES may have taken it: never resent); sending →
 * pending only when SES certainly did not take it. A redelivered or duplicated
 * `announcement.requested` finds the items and mails nobody twice.
 */
export const announcementRecipientSchema = {
  model: { entity: 'announcementRecipient', version: '1', service: SERVICE },
  attributes: {
    announcementId: { type: 'string', required: true, readOnly: true },
    /** The address, lower-cased: one mail per person, however many tickets they hold. */
    email: { type: 'string', required: true, readOnly: true },
    name: { type: 'string' },
    status: { type: ANNOUNCEMENT_RECIPIENT_STATUSES, required: true },
    claimToken: { type: 'string' },
    claimedAt: { type: 'string' },
    messageId: { type: 'string' },
    failure: { type: 'string' },
    updatedAt: { type: 'string' },
  },
  indexes: {
    byAnnouncement: { pk: { field: 'pk', composite: ['announcementId'] }, sk: { field: 'sk', composite: ['email'] } },
  },
} as const;

export declare const announcementRecipientEntity: Db['entities']['announcementRecipient'];
