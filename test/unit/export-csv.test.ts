import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { withDeadline } from '#packages/core/dependencies/deadline.ts';
import { DomainError } from '#packages/core/errors.ts';
import { csvStream, toCsv, type Column } from '#packages/features/exports/csv-writer.ts';
import { syncCsv } from '#packages/features/exports/sync-export.ts';

type Row = { id: number; name: string; tags?: string[] };
const columns: Column<Row>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'name', value: (r) => r.name },
  { header: 'tags', value: (r) => r.tags },
];

async function* pagesOf(total: number, size = 100): AsyncIterable<Row[]> {
  for (let from = 0; from < total; from += size) {
    yield Array.from({ length: Math.min(size, total - from) }, (_, i) => ({ id: from + i, name: from + i === 1 ? '=cmd()' : `Row ${from + i}`, tags: ['a', 'b'] }));
  }
}

describe('the CSV writer', () => {
  it('streams pages as CSV with the header first, formula cells escaped, and counts rows, pages and bytes', async () => {
    const seen: number[] = [];
    const { stream, done } = csvStream(columns, pagesOf(250), { onPage: (p) => void seen.push(p.rows) });
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString('utf8');
    const result = await done;
    expect(result).toEqual({ rows: 250, pages: 3, bytes: Buffer.byteLength(csv) });
    expect(seen).toEqual([100, 200, 250]);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(250);
    expect(rows[1]).toEqual({ id: '1', name: "'=cmd()", tags: 'a;b' });
  });

  it('writes the header alone when there are no rows', async () => {
    expect(await toCsv(columns, pagesOf(0))).toEqual({ csv: 'id,name,tags\n', rows: 0 });
  });

  it('stops at the row cap with the caller’s error', async () => {
    const error = await toCsv(columns, pagesOf(500), { maxRows: { limit: 120, exceeded: (n) => new Error(`over ${n}`) } }).catch((e: Error) => e);
    expect((error as Error).message).toBe('over 120');
  });
});

describe('the synchronous export', () => {
  it('refuses more than EXPORT_SYNC_MAX_ROWS rows as export_too_large', async () => {
    process.env.EXPORT_SYNC_MAX_ROWS = '150';
    try {
      expect((await syncCsv('contacts', columns, pagesOf(150))).rows).toBe(150);
      const error = await syncCsv('contacts', columns, pagesOf(151)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ kind: 'unprocessable', code: 'export_too_large', details: { maxRows: 150, exportKind: 'contacts' } });
    } finally {
      delete process.env.EXPORT_SYNC_MAX_ROWS;
    }
  });

  it('refuses as export_too_large, not a timeout, when the request runs short of time', async () => {
    // 1 s left: less than the margin kept for answering, so the first page's check gives up.
    const error = await withDeadline(Date.now() + 1_000, () => syncCsv('orders', columns, pagesOf(300))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'export_too_large', message: expect.stringContaining('POST /v1/exports') });
    expect((await withDeadline(Date.now() + 60_000, () => syncCsv('orders', columns, pagesOf(300)))).rows).toBe(300);
  });
});
