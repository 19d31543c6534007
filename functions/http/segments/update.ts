import { updateSegment as route } from '#packages/api/routes/segments.ts';
import { updateSegment } from '#packages/core/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateSegment(params.id, body, ctx)));
