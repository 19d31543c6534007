import { stringify } from 'csv-stringify/sync';
import { db } from '#packages/core/db/service.ts';
import { safeCell } from '#packages/core/csv-safe.ts';
import type { RowResultT } from './contract.ts';
import { readImport, type StoredOptions } from './import-store.ts';

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
    const page: { data: { rows: unknown; results?: unknown; firstLine: number }[]; cursor: string | null } = await db()
      .entities.importChunk.query.byImport({ importId })
      .go({ cursor, limit: 20 });
    for (const chunk of page.data) {
      const rows = chunk.rows as string[][];
      for (const r of (chunk.results as RowResultT[] | undefined) ?? []) {
        if (r.outcome !== 'failed') continue;
        const cells = rows[r.line - chunk.firstLine] ?? [];
        out.push([...headers.map((_, i) => cells[i] ?? ''), String(r.line), r.reason ?? ''].map(safeCell));
      }
    }
    cursor = page.cursor;
  } while (cursor);
  return stringify(out);
}
