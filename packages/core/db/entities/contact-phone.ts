import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Lookup of contacts by phone (E.164), the import match key `phone`. Not a
 * uniqueness guard: people share numbers (a household, a switchboard), so
 * one item per (phone, contact), in the phone's partition, and an import
 * row that matches more than one contact is refused as ambiguous. Written
 * and deleted in the same transaction as the contact's phone
 * (contacts/phone-lookup.ts); an erasure deletes it.
 */
export const contactPhoneSchema = {
  model: { entity: 'contactPhone', version: '1', service: SERVICE },
  attributes: {
    phone: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byPhone: { pk: { field: 'pk', composite: ['phone'] }, sk: { field: 'sk', composite: ['contactId'] } },
  },
} as const;

export declare const contactPhoneEntity: Db['entities']['contactPhone'];
