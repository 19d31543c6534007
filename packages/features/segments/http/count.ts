import { countSegment as route } from '#packages/features/segments/routes.ts';
import { countSegment } from '#packages/features/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await countSegment(params.id)));
