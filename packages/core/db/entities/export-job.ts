import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A CSV export job (issue 17 item 6): asked for by POST /v1/exports, run by
 * the exports-run consumer, which claims it with a lease (`attempt`,
 * `leaseUntil`), streams the rows into `exports/<exportId>/<attempt>/<file>`
 * of the tenant's bucket and writes its progress every few pages. The file
 * expires with the bucket's `exports/` rule; the job itself with its TTL.
 */
export const exportJobSchema = {
  model: { entity: 'exportJob', version: '1', service: SERVICE },
  attributes: {
    exportId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['contacts', 'orders', 'attendees', 'check-ins', 'campaign-recipients', 'commissions'] as const, required: true, readOnly: true },
    /** The kind's filter, as validated at the request. */
    filter: { type: 'any', required: true, readOnly: true },
    state: { type: ['queued', 'running', 'done', 'failed'] as const, required: true },
    requestedBy: { type: 'string', required: true, readOnly: true },
    requestedAt: { type: 'string', required: true, readOnly: true },
    /** Claims so far; the running claim owns the progress and the file of its own number. */
    attempt: { type: 'number', required: true },
    leaseUntil: { type: 'string' },
    startedAt: { type: 'string' },
    finishedAt: { type: 'string' },
    rows: { type: 'number', required: true },
    bytes: { type: 'number', required: true },
    /** Once done: the stored file's key and the name it downloads under. */
    key: { type: 'string' },
    fileName: { type: 'string' },
    error: { type: 'string' },
    ttl: { type: 'number' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['exportId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const exportJobEntity: Db['entities']['exportJob'];
