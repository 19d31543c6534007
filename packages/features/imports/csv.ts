import { parse } from 'csv-parse/sync';
import { invalid } from '#packages/core/errors.ts';

export interface ParsedCsv {
  headers: string[];
  /** Data rows as cells, in file order (line = index + 2). */
  rows: string[][];
}

/** At most this many data rows per import (a 5 MB file of short rows stays under it). */
export const MAX_ROWS = 200_000;

/**
 * The file as a header row and data rows. A UTF-8 byte-order mark, blank
 * lines and ragged rows (fewer or more cells than headers) are accepted: a
 * missing cell reads as empty. A file csv-parse cannot read is a 400 naming
 * the line.
 */
export function parseCsv(text: string): ParsedCsv {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as string[][];
  } catch (error) {
    throw invalid('invalid_csv', `The file is not valid CSV: ${(error as Error).message}`);
  }
  const [headerRow, ...rows] = records;
  if (!headerRow || headerRow.every((h) => !h.trim())) throw invalid('invalid_csv', 'The file has no header row');
  if (rows.length > MAX_ROWS) throw invalid('too_many_rows', `The file has ${rows.length} rows; at most ${MAX_ROWS} per import`);
  return { headers: headerRow.map((h) => h.trim()), rows };
}

/** Only the header row, for a mapping suggestion (reads no further than it needs). */
export function headersOf(text: string): string[] {
  const firstLines = text.slice(0, 64 * 1024);
  const records = parse(firstLines, { bom: true, skip_empty_lines: true, relax_column_count: true, to_line: 1 }) as string[][];
  if (!records[0]) throw invalid('invalid_csv', 'The file has no header row');
  return records[0].map((h) => h.trim());
}
