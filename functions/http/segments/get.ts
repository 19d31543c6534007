import { getSegment as route } from '#packages/api/routes/segments.ts';
import { getSegment } from '#packages/core/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getSegment(params.id)));
