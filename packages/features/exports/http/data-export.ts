import { exportContactData as route } from '#packages/features/exports/routes.ts';
import { requestDataExport } from '#packages/features/exports/data-export-job.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  const request = await requestDataExport(params.id, ctx);
  return { status: 202, body: request, headers: { location: `/v1/data-exports/${request.id}` } };
});
