import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * The tenant's lifetime-value fit and its run (one item, `key = current`):
 * the last fit's method, parameters and counts, and the run in progress or
 * last finished with its resume point (phase and page cursor).
 */
export const ltvModelSchema = {
  model: { entity: 'ltvModel', version: '1', service: SERVICE },
  attributes: {
    key: { type: 'string', required: true, readOnly: true },
    /** The last finished fit (packages/features/lifetime-value/contract.ts LtvModel, without the run). */
    fit: { type: 'any' },
    /** The run: { runId, status, requestedAt, startedAt?, finishedAt?, trigger, scored, cursor?, fit? } */
    run: { type: 'any' },
    ...timestamps,
  },
  indexes: {
    byKey: { pk: { field: 'pk', composite: ['key'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const ltvModelEntity: Db['entities']['ltvModel'];
