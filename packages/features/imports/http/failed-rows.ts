import { getImportFailedRows as route } from '#packages/features/imports/routes.ts';
import { failedRowsCsv } from '#packages/features/imports/failed-rows.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ({
  status: 200,
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="import-${params.id}-failed.csv"` },
  rawBody: await failedRowsCsv(params.id),
}));
