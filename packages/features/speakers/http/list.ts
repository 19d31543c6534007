import { listSpeakers as route } from '#packages/features/speakers/routes.ts';
import { listSpeakers } from '#packages/features/speakers/speaker-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listSpeakers(params.id) }));
