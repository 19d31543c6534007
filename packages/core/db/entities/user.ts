import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A staff user of the tenant. `userId` is the token's `sub`: deployed, the
 * Cognito user's sub (the user is created in Cognito first); locally a ULID.
 */
export const userSchema = {
  model: { entity: 'user', version: '1', service: SERVICE },
  attributes: {
    userId: { type: 'string', required: true, readOnly: true },
    /** Lower-case handle, unique through the userName item. */
    username: { type: 'string', required: true, readOnly: true },
    /** Trimmed and lower-cased, unique through the userEmail item; the Cognito sign-in name. */
    email: { type: 'string', required: true, readOnly: true },
    /** A built-in role's name or a custom role's id. */
    roleId: { type: 'string', required: true },
    /** The role's name, kept beside the id (role names never change). */
    roleName: { type: 'string', required: true },
    department: { type: 'string' },
    managerId: { type: 'string' },
    /** Users are disabled, never deleted: their id stays in audit trails and createdBy fields. */
    status: { type: ['active', 'disabled'] as const, required: true, default: 'active' },
    createdBy: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['userId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['username'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const userEntity: Db['entities']['user'];
