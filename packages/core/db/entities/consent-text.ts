import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** The exact text a consent was given to, keyed by its SHA-256: records keep only the hash. Written once, never changed. */
export const consentTextSchema = {
  model: { entity: 'consentText', version: '1', service: SERVICE },
  attributes: {
    textHash: { type: 'string', required: true, readOnly: true },
    text: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byHash: { pk: { field: 'pk', composite: ['textHash'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const consentTextEntity: Db['entities']['consentText'];
