import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A CSV import (packages/features/imports): its options, the mapping used,
 * and its progress, which the chunk consumer advances one chunk at a time
 * (conditioned on `step`, so a redelivered chunk does nothing twice).
 */
export const dataImportSchema = {
  model: { entity: 'dataImport', version: '1', service: SERVICE },
  attributes: {
    importId: { type: 'string', required: true, readOnly: true },
    resource: { type: ['contacts'] as const, required: true, readOnly: true },
    /** queued → running → done; done → undoing → undone. */
    status: { type: ['running', 'done', 'undoing', 'undone'] as const, required: true },
    /** matchKey, onConflict, emptyCells, consent, fileName: as requested. */
    options: { type: 'any', required: true, readOnly: true },
    /** CSV column → field. */
    mapping: { type: 'any', required: true, readOnly: true },
    total: { type: 'number', required: true },
    chunks: { type: 'number', required: true },
    /** The next chunk to run (import or undo). */
    step: { type: 'number', required: true },
    processed: { type: 'number', required: true },
    created: { type: 'number', required: true },
    updated: { type: 'number', required: true },
    skipped: { type: 'number', required: true },
    failed: { type: 'number', required: true },
    /** Undo: contacts deleted, contacts put back, contacts left as they were (changed by someone since). */
    undoDeleted: { type: 'number' },
    undoRestored: { type: 'number' },
    undoKept: { type: 'number' },
    /** Undo walks the import's change shards in turn: which one, and where in it. */
    undoShard: { type: 'number' },
    undoCursor: { type: 'string' },
    undoUntil: { type: 'string' },
    finishedAt: { type: 'string' },
    createdBy: { type: 'string', required: true, readOnly: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['importId'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['importId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const dataImportEntity: Db['entities']['dataImport'];
