import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Uniqueness guard: one item per normalized email, written in the same
 * transaction as the contact with attribute_not_exists. Also serves
 * `GET /v1/contacts?email=` as a key lookup.
 */
export const contactEmailSchema = {
  model: { entity: 'contactEmail', version: '1', service: SERVICE },
  attributes: {
    email: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true },
  },
  indexes: {
    byEmail: { pk: { field: 'pk', composite: ['email'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const contactEmailEntity: Db['entities']['contactEmail'];
