import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { IMPORT_CHANGE_SHARDS } from '#packages/core/db/entities/import-change.ts';

/** How far back imports can still hold rows (their chunks' TTL, plus a day for DynamoDB's lazy expiry). */
const WINDOW_MS = 9 * 86_400_000;

const changeShard = (contactId: string) => contactId.charCodeAt(contactId.length - 1) % IMPORT_CHANGE_SHARDS;

/**
 * Recent imports (their chunks and changes live 8 days) may still hold the
 * person: a row not run yet or refused (cells on the chunk), and the
 * before-values of an update (the importChange). Both are removed: the row's
 * cells are blanked (its line and reason stay), the change is deleted (an
 * undo then leaves this contact alone). Reads the chunks of imports of the
 * last 9 days: after a run they hold only refused rows, so they are small.
 */
/** `email` is the contact's address, or its phone for a contact known by phone only: rows holding it are blanked. */
export async function scrubImports(contactId: string, email: string): Promise<number> {
  const since = new Date(Date.parse(nowIso()) - WINDOW_MS).toISOString();
  const { data: imports } = await db().entities.dataImport.query.all({}).go({ pages: 'all', order: 'desc', attributes: ['importId', 'createdAt'] });
  let touched = 0;
  const needle = email.trim().toLowerCase();
  for (const imp of imports.filter((i) => i.createdAt >= since)) {
    const key = { importId: imp.importId, shard: changeShard(contactId), contactId };
    const { data: change } = await db().entities.importChange.get(key).go();
    if (change) {
      await db().entities.importChange.delete(key).go();
      touched++;
    }
    const { data: chunks } = await db().entities.importChunk.query.byImport({ importId: imp.importId }).go({ pages: 'all' });
    for (const chunk of chunks) {
      const holds = (cells: unknown) => Array.isArray(cells) && cells.some((c) => typeof c === 'string' && c.trim().toLowerCase() === needle);
      const rows = chunk.rows as string[][] | undefined;
      const failed = chunk.failedRows as { cells?: string[] }[] | undefined;
      const rowHits = rows?.some(holds) ?? false;
      const failedHits = failed?.some((r) => holds(r.cells)) ?? false;
      if (!rowHits && !failedHits) continue;
      const set: Record<string, unknown> = {};
      if (rowHits) set.rows = rows!.map((r) => (holds(r) ? r.map(() => '') : r));
      if (failedHits) set.failedRows = failed!.map((r) => (holds(r.cells) ? { ...r, cells: [] } : r));
      await db().entities.importChunk.patch({ importId: imp.importId, chunkNo: chunk.chunkNo }).set(set).go();
      touched++;
    }
  }
  return touched;
}
