import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Up to 250 rows of an import as parsed (arrays of cells), and, once run,
 * one result per row: the outcome, the contact, the reason of a refusal, and
 * for an update the fields it changed as they were before (what an undo
 * puts back). In the import's partition, so one Query reads them in order.
 */
export const importChunkSchema = {
  model: { entity: 'importChunk', version: '1', service: SERVICE },
  attributes: {
    importId: { type: 'string', required: true, readOnly: true },
    chunkNo: { type: 'number', required: true, readOnly: true, padding: { length: 6, char: '0' } },
    /** Line number in the file of the first row (the header is line 1). */
    firstLine: { type: 'number', required: true, readOnly: true },
    rows: { type: 'any', required: true },
    results: { type: 'any' },
  },
  indexes: {
    byImport: {
      pk: { field: 'pk', composite: ['importId'] },
      sk: { field: 'sk', composite: ['chunkNo'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const importChunkEntity: Db['entities']['importChunk'];
