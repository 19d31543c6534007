import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * What one row of an import did to one contact, written in the same
 * transaction as the change: `created`, or `updated` with the changed fields
 * as they were before (null: absent), which an undo puts back. It also makes
 * a re-run chunk idempotent (the row finds its own change). Spread over 8
 * partitions per import (`shard`, from the contact id) so a large import
 * does not write one partition at the whole import's rate.
 */
export const importChangeSchema = {
  model: { entity: 'importChange', version: '1', service: SERVICE },
  attributes: {
    importId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['created', 'updated'] as const, required: true, readOnly: true },
    line: { type: 'number', required: true, readOnly: true },
    before: { type: 'any' },
    /** The contact's updatedAt as this import left it: an undo restores only a contact nobody changed since. */
    updatedAt: { type: 'string', required: true },
    ttl: { type: 'number' },
  },
  indexes: {
    byImport: {
      pk: { field: 'pk', composite: ['importId', 'shard'] },
      sk: { field: 'sk', composite: ['contactId'] },
    },
  },
} as const;

export const IMPORT_CHANGE_SHARDS = 8;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const importChangeEntity: Db['entities']['importChange'];
