import { getLead as route } from '#packages/api/routes/leads.ts';
import { getLead } from '#packages/core/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getLead(params.id)));
