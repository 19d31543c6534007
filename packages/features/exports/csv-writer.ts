import { stringify } from 'csv-stringify';
import { stringify as stringifySync } from 'csv-stringify/sync';
import { safeCell } from '#packages/core/csv-safe.ts';

export interface Column<T> {
  header: string;
  value: (row: T) => unknown;
}

/**
 * Rows from `pages` (an async iterable of pages, read one page at a time) as
 * CSV, through csv-stringify's stream: a page is stringified while the next
 * is read. Every text cell goes through `safeCell`, so a spreadsheet never
 * runs a cell beginning with = + - @ as a formula.
 */
export async function toCsv<T>(columns: readonly Column<T>[], pages: AsyncIterable<readonly T[]>): Promise<{ csv: string; rows: number }> {
  const out: string[] = [];
  const stream = stringify({ header: true, columns: columns.map((c) => c.header), cast: { string: safeCell, boolean: (b) => (b ? 'true' : 'false') } });
  stream.on('data', (chunk: Buffer | string) => out.push(chunk.toString()));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  let rows = 0;
  for await (const page of pages) {
    for (const row of page) {
      const cells = columns.map((c) => {
        const v = c.value(row);
        return v === undefined || v === null ? '' : Array.isArray(v) ? v.join(';') : typeof v === 'object' ? JSON.stringify(v) : v;
      });
      if (!stream.write(cells)) await new Promise((r) => stream.once('drain', r));
      rows++;
    }
  }
  stream.end();
  await done;
  // With no rows csv-stringify writes no header; a file with only its header says "nothing" better.
  return { csv: out.join('') || stringifySync([columns.map((c) => c.header)].map((r) => r.map(safeCell))), rows };
}
