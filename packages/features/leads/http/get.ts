import { getLead as route } from '#packages/features/leads/routes.ts';
import { getLead } from '#packages/features/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getLead(params.id)));
