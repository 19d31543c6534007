import { countSegment as route } from '#packages/api/routes/segments.ts';
import { countSegment } from '#packages/core/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await countSegment(params.id)));
