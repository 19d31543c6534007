import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Uniqueness guard and lookup of a contact's external id (the import match key `externalId`), like contactEmail. */
export const contactExternalIdSchema = {
  model: { entity: 'contactExternalId', version: '1', service: SERVICE },
  attributes: {
    externalId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true },
  },
  indexes: {
    byExternalId: { pk: { field: 'pk', composite: ['externalId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const contactExternalIdEntity: Db['entities']['contactExternalId'];
