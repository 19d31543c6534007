import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A custom role (the built-in ones live in code: packages/auth/roles.ts).
 * The name is fixed at creation: it is the Cognito group name, and Cognito
 * groups cannot be renamed.
 */
export const roleSchema = {
  model: { entity: 'role', version: '1', service: SERVICE },
  attributes: {
    roleId: { type: 'string', required: true, readOnly: true },
    /** Unique through the roleName item; never a built-in role's name. */
    name: { type: 'string', required: true, readOnly: true },
    description: { type: 'string' },
    /** Permission strings of packages/auth/permissions.ts, deduplicated. */
    permissions: { type: 'list', items: { type: 'string' }, required: true },
    /** 1–100; see builtInRoleLevels. */
    level: { type: 'number', required: true },
    createdBy: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['roleId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['name'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const roleEntity: Db['entities']['role'];
