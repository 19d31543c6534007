import { stringify } from 'csv-stringify/sync';
import { db } from '#packages/core/db/service.ts';
import { safeCell } from '#packages/core/csv-safe.ts';
import { readImport, type StoredOptions } from './import-store.ts';

export interface FailedRow {
  line: number;
  reason?: string;
  cells?: string[];
}

/**
 * The rows an import refused, as a CSV to fix and import again: the file's
 * own columns, then `line` and `reason`. Cells are escaped for spreadsheets
 * (csv-safe.ts). Reads the import's chunks (one Query, paged).
 */
export async function failedRowsCsv(importId: string): Promise<string> {
  const imp = await readImport(importId);
  const headers = (imp.options as StoredOptions).headers;
  const out: string[][] = [[...headers, 'line', 'reason'].map(safeCell)];
  let cursor: string | null = null;
  do {
    const page: { data: { failedRows?: unknown }[]; cursor: string | null } = await db()
      .entities.importChunk.query.byImport({ importId })
      .go({ cursor, limit: 50 });
    for (const chunk of page.data) {
      for (const r of (chunk.failedRows as FailedRow[] | undefined) ?? []) {
        out.push([...headers.map((_, i) => r.cells?.[i] ?? ''), String(r.line), r.reason ?? ''].map(safeCell));
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return stringify(out);
}
