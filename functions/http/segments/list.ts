import { listSegments as route } from '#packages/api/routes/segments.ts';
import { listSegments } from '#packages/core/segments/segment-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listSegments(query)));
