import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { ok, type HttpResult } from '#packages/http/http-handler.ts';
import { rowsToCsv } from '#packages/features/reports/csv-answer.ts';

/** CSV when asked by `?format=csv` or an Accept header naming text/csv first-class; JSON otherwise. */
function wantsCsv(format: string | undefined, event: APIGatewayProxyEventV2): boolean {
  if (format) return format === 'csv';
  const accept = event.headers?.accept ?? event.headers?.Accept ?? '';
  return /(^|,)\s*text\/csv\b/i.test(accept);
}

/** A report as JSON, or its `rows` as CSV with the row schema's columns. */
export function reportAnswer<T extends { rows: readonly object[] }>(
  report: T,
  options: { format: string | undefined; event: APIGatewayProxyEventV2; columns: readonly string[]; filename: string },
): HttpResult {
  if (!wantsCsv(options.format, options.event)) return { ...ok(report), headers: { 'cache-control': 'private, no-store' } };
  return {
    status: 200,
    rawBody: rowsToCsv(report.rows, options.columns),
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${options.filename}.csv"`,
      'cache-control': 'private, no-store',
    },
  };
}
