import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A data-subject access request (issue 17): asked for by POST, built by the
 * data-export-build consumer into `exports/<exportId>/` of the tenant's
 * bucket (bundle.json and one CSV per section), read with GET (presigned
 * links, minted per read). The files expire with the bucket's `exports/`
 * rule; the request itself goes with its TTL.
 */
export const dataExportRequestSchema = {
  model: { entity: 'dataExportRequest', version: '1', service: SERVICE },
  attributes: {
    exportId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    status: { type: ['pending', 'ready', 'failed'] as const, required: true },
    requestedBy: { type: 'string', required: true, readOnly: true },
    requestedAt: { type: 'string', required: true, readOnly: true },
    readyAt: { type: 'string' },
    /** Once ready: the stored files, `{ name, key, bytes }`. */
    files: { type: 'any' },
    /** Once ready: rows per section. */
    counts: { type: 'any' },
    error: { type: 'string' },
    ttl: { type: 'number' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['exportId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const dataExportRequestEntity: Db['entities']['dataExportRequest'];
