import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Uniqueness guard of a user's email, written with the user in one
 * transaction. Same partition as a contact's email guard (a staff member may
 * also be a contact); the sort key tells them apart.
 */
export const userEmailSchema = {
  model: { entity: 'userEmail', version: '1', service: SERVICE },
  attributes: {
    email: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    byEmail: { pk: { field: 'pk', composite: ['email'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const userEmailEntity: Db['entities']['userEmail'];
