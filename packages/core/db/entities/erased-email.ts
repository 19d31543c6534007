import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * What is left of an erased person's address: a keyed hash of it (HMAC with
 * a tenant secret, so the table alone cannot be checked against a list of
 * addresses). An import meets it before creating a contact and refuses the
 * row unless the row brings new consent; sends refuse it too. Nothing else of
 * the person stays in plain text (packages/features/erasure).
 */
export const erasedEmailSchema = {
  model: { entity: 'erasedEmail', version: '1', service: SERVICE },
  attributes: {
    emailHash: { type: 'string', required: true, readOnly: true },
    erasedAt: { type: 'string', required: true },
    /** The erased contact's id, now a pseudonym: nothing maps it back to the person. */
    contactId: { type: 'string', required: true },
  },
  indexes: {
    byHash: { pk: { field: 'pk', composite: ['emailHash'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const erasedEmailEntity: Db['entities']['erasedEmail'];
