import { deleteSegment as route } from '#packages/api/routes/segments.ts';
import { deleteSegment } from '#packages/core/segments/segment-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteSegment(params.id, ctx);
  return noContent();
});
