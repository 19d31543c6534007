import { getExport as route } from '#packages/features/exports/routes.ts';
import { exportStatus } from '#packages/features/exports/export-job.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { withKindPermission } from './kind-permission.ts';

export const handler = httpHandler(route, async ({ params, principal }) => ok(await withKindPermission(exportStatus(params.id, principal))));
