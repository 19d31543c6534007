import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Uniqueness guard of a phone as a person's identity: the contact that
 * someone known ONLY by this number (a guest, a booker, a POST without
 * email) is. Created with attribute_not_exists in the same transaction as
 * the phone-only contact, so two concurrent deliveries or sign-ups with one
 * number make one contact. Unlike the contactPhone lookup (many contacts may
 * share a number), one item per number. It stays with its contact when that
 * contact later gives an email (the merge rule, docs/access-patterns.md), is
 * moved by a PATCH of the phone and deleted by an erasure or hard delete.
 */
export const contactPhoneOwnerSchema = {
  model: { entity: 'contactPhoneOwner', version: '1', service: SERVICE },
  attributes: {
    phone: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true },
  },
  indexes: {
    byPhone: { pk: { field: 'pk', composite: ['phone'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const contactPhoneOwnerEntity: Db['entities']['contactPhoneOwner'];
