import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Uniqueness guard of a custom role's name, written with the role in one
 * transaction. Also how a name from a token's groups claim finds its role:
 * GetItem here, then GetItem of the role.
 */
export const roleNameSchema = {
  model: { entity: 'roleName', version: '1', service: SERVICE },
  attributes: {
    name: { type: 'string', required: true, readOnly: true },
    roleId: { type: 'string', required: true },
  },
  indexes: {
    byName: { pk: { field: 'pk', composite: ['name'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const roleNameEntity: Db['entities']['roleName'];
