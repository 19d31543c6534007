import { deleteSegment as route } from '#packages/features/segments/routes.ts';
import { deleteSegment } from '#packages/features/segments/segment-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteSegment(params.id, ctx);
  return noContent();
});
