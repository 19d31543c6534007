import { getSegment as route } from '#packages/features/segments/routes.ts';
import { getSegment } from '#packages/features/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getSegment(params.id)));
