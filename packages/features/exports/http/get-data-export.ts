import { getDataExport as route } from '#packages/features/exports/routes.ts';
import { dataExportStatus } from '#packages/features/exports/data-export-job.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await dataExportStatus(params.id)));
