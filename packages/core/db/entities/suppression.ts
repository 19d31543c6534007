import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * An address campaigns must never mail again: it bounced permanently, its
 * owner complained, or a user suppressed it by hand. Keyed by the normalised
 * address (not the contact), so it holds across a contact's deletion and
 * re-creation, and a send checks it with one GetItem.
 */
export const suppressionSchema = {
  model: { entity: 'suppression', version: '1', service: SERVICE },
  attributes: {
    /** Trimmed and lower-cased. */
    email: { type: 'string', required: true, readOnly: true },
    reason: { type: ['bounce', 'complaint', 'manual'] as const, required: true },
    at: { type: 'string', required: true },
    /** The SES message whose bounce or complaint caused it. */
    messageId: { type: 'string' },
    campaignId: { type: 'string' },
    contactId: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEmail: {
      pk: { field: 'pk', composite: ['email'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const suppressionEntity: Db['entities']['suppression'];
