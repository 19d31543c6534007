import { listSegments as route } from '#packages/features/segments/routes.ts';
import { listSegments } from '#packages/features/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listSegments(query)));
