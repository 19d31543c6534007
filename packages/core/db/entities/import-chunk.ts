import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Up to 250 rows of an import as parsed (arrays of cells) until the chunk
 * has run; then only its refused rows with their reasons (the failed-rows
 * CSV), so the file's personal data does not outlive the job (an erasure
 * scrubs the rest: packages/features/erasure). In the import's partition, so
 * one Query reads them in order. Gone with the undo window (TTL, 8 days).
 */
export const importChunkSchema = {
  model: { entity: 'importChunk', version: '1', service: SERVICE },
  attributes: {
    importId: { type: 'string', required: true, readOnly: true },
    chunkNo: { type: 'number', required: true, readOnly: true, padding: { length: 6, char: '0' } },
    /** Line number in the file of the first row (the header is line 1). */
    firstLine: { type: 'number', required: true, readOnly: true },
    rows: { type: 'any' },
    /** Once run: `{ line, cells, reason }` of each refused row. */
    failedRows: { type: 'any' },
    ttl: { type: 'number' },
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
