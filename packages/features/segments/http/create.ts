import { createSegment as route } from '#packages/features/segments/routes.ts';
import { createSegment } from '#packages/features/segments/segment-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createSegment(body, ctx)));
