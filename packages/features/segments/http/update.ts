import { updateSegment as route } from '#packages/features/segments/routes.ts';
import { updateSegment } from '#packages/features/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateSegment(params.id, body, ctx)));
