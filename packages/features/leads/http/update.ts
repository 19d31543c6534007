import { updateLead as route } from '#packages/features/leads/routes.ts';
import { updateLead } from '#packages/features/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateLead(params.id, body, ctx)));
