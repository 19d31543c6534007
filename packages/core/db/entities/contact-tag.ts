import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * "Contact X carries tag T", one item per pair while the contact is active,
 * written and deleted in the same transaction as the contact's tags change
 * (create, update, trash, restore). Its partition is the tag, so
 * `GET /v1/contacts?tag=` is one Query; a trashed contact has no tag items.
 */
export const contactTagSchema = {
  model: { entity: 'contactTag', version: '1', service: SERVICE },
  attributes: {
    tag: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byTag: { pk: { field: 'pk', composite: ['tag'] }, sk: { field: 'sk', composite: ['contactId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const contactTagEntity: Db['entities']['contactTag'];
