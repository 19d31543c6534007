import { stringify } from 'csv-stringify/sync';
import { safeCell } from '#packages/core/csv-safe.ts';
import type { ExportAuditQuery } from './contract.ts';
import { auditPages, toView } from './audit-query.ts';

/** An export reads at most this many events in one request; a wider range is exported in parts (by time). */
export const EXPORT_MAX = 10_000;

const COLUMNS = ['id', 'at', 'actor', 'action', 'target', 'changes', 'requestId', 'ip', 'userAgent', 'hash'] as const;

/** The filtered audit log, newest first, as CSV (csv-stringify, every cell csv-safe) or JSON lines. */
export async function exportAudit(query: ExportAuditQuery): Promise<{ body: string; contentType: string; rows: number }> {
  const lines: string[] = [];
  const rows: string[][] = [];
  for await (const page of auditPages(query, EXPORT_MAX)) {
    for (const item of page.map(toView)) {
      if (query.format === 'jsonl') lines.push(JSON.stringify(item));
      else rows.push(COLUMNS.map((c) => safeCell(c === 'changes' ? JSON.stringify(item.changes) : (item as Record<string, unknown>)[c])));
    }
  }
  if (query.format === 'jsonl') return { body: lines.map((l) => `${l}\n`).join(''), contentType: 'application/x-ndjson', rows: lines.length };
  return { body: stringify([[...COLUMNS], ...rows]), contentType: 'text/csv; charset=utf-8', rows: rows.length };
}
