import type { EventData } from '#events/catalog.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { pool } from '#packages/core/worker-pool.ts';
import type { ColumnMappingT, RowResultT } from './contract.ts';
import { importRow, type ImportRun } from './import-row.ts';
import { type StoredOptions } from './import-store.ts';
import { ROW_CONCURRENCY, tally } from './import-service.ts';
import { undoStep } from './undo.ts';

export type ImportChunk = EventData<'import.chunk'>;
export type ChunkOutcome = 'advanced' | 'done' | 'stale';

export const UNDO_DAYS = 7;

/**
 * One chunk of an import (the imports-run consumer). It runs only while the
 * import is running and at the chunk's step (a consistent read), applies the
 * chunk's rows — each row's write is idempotent by itself (its importChange
 * says what it did), so a chunk re-run after a crash finds its own work and
 * reports it again — then keeps only the refused rows on the chunk item and
 * advances the import (counters, step, the next chunk event) in ONE
 * transaction conditioned on the step: of two runners, one advances.
 */
export async function runImportChunk(chunk: ImportChunk, correlationId: string): Promise<ChunkOutcome> {
  if (chunk.mode === 'undo') return undoStep(chunk, correlationId);
  const { data: imp } = await db().entities.dataImport.get({ importId: chunk.importId }).go({ consistent: true });
  if (!imp || imp.status !== 'running' || imp.step !== chunk.step) return 'stale';
  const { data: part } = await db().entities.importChunk.get({ importId: imp.importId, chunkNo: chunk.step }).go({ consistent: true });
  if (!part) throw new Error(`import ${imp.importId} has no chunk ${chunk.step}`);
  const options = imp.options as StoredOptions;
  const run: ImportRun = {
    importId: imp.importId,
    options,
    headers: options.headers,
    mapping: imp.mapping as ColumnMappingT,
    dryRun: false,
    actorId: imp.createdBy,
    correlationId,
    ...(options.consentTextHash ? { consentTextHash: options.consentTextHash } : {}),
    seen: new Set(),
  };
  const rows = (part.rows ?? []) as string[][];
  const results: RowResultT[] = new Array(rows.length);
  await pool(
    rows.map((cells, i) => ({ cells, i })),
    ROW_CONCURRENCY,
    () => false,
    async ({ cells, i }) => {
      results[i] = await importRow(run, part.firstLine + i, cells);
    },
  );
  const t = tally(results);
  const last = chunk.step + 1 >= imp.chunks;
  const at = nowIso();
  const finish = last ? { status: 'done' as const, finishedAt: at, undoUntil: new Date(Date.parse(at) + UNDO_DAYS * 86_400_000).toISOString() } : {};
  const result = await transactWithEvents(
    ({ dataImport, importChunk }) => [
      importChunk
        .patch({ importId: imp.importId, chunkNo: chunk.step })
        .set({ failedRows: results.filter((r) => r.outcome === 'failed').map((r) => ({ line: r.line, reason: r.reason, cells: rows[r.line - part.firstLine] })) })
        .remove(['rows'])
        .commit(),
      dataImport
        .patch({ importId: imp.importId })
        .set({ step: chunk.step + 1, ...finish })
        .add({ processed: rows.length, created: t.created, updated: t.updated, skipped: t.skipped + t.unchanged, failed: t.failed })
        .where((a, op) => `${op.eq(a.status, 'running')} AND ${op.eq(a.step, chunk.step)}`)
        .commit(),
    ],
    last ? [] : [domainEvent('import.chunk', { importId: imp.importId, mode: 'import', step: chunk.step + 1 }, { correlationId })],
  );
  if (result.canceled) return 'stale';
  return last ? 'done' : 'advanced';
}
