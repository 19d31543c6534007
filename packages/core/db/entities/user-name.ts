import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Uniqueness guard of a username, written with the user in one transaction. */
export const userNameSchema = {
  model: { entity: 'userName', version: '1', service: SERVICE },
  attributes: {
    username: { type: 'string', required: true, readOnly: true },
    userId: { type: 'string', required: true },
  },
  indexes: {
    byUsername: { pk: { field: 'pk', composite: ['username'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const userNameEntity: Db['entities']['userName'];
