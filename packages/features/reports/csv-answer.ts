import { stringify } from 'csv-stringify/sync';
import { safeCell } from '#packages/core/csv-safe.ts';

/**
 * A report's rows as CSV: the first row's keys are the header, every cell
 * formula-safe (a spreadsheet never runs `=…` from an event name), null as an
 * empty cell. The JSON's `rows` and the CSV hold the same values.
 */
export function rowsToCsv(rows: readonly object[], columns: readonly string[]): string {
  const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : safeCell(String(v)));
  return stringify([columns.map(safeCell), ...rows.map((row) => columns.map((c) => cell((row as Record<string, unknown>)[c])))]);
}
