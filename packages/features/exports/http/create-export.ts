import { createExport as route } from '#packages/features/exports/routes.ts';
import { requestExport } from '#packages/features/exports/export-job.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { withKindPermission } from './kind-permission.ts';

export const handler = httpHandler(route, async ({ body, principal, ctx }) => {
  const job = await withKindPermission(requestExport(body, principal, ctx));
  return { status: 202, body: job, headers: { location: `/v1/exports/${job.id}` } };
});
