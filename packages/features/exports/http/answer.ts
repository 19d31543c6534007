import type { Delivered } from '#packages/features/exports/deliver.ts';
import { ok, type HttpResult } from '#packages/http/http-handler.ts';

export function csvAnswer(d: Delivered): HttpResult {
  if (d.kind === 'link') return ok({ url: d.url, expiresAt: d.expiresAt, rows: d.rows, bytes: d.bytes });
  return {
    status: 200,
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${d.name}"`, 'cache-control': 'no-store' },
    rawBody: d.csv,
  };
}
