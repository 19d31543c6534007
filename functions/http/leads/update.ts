import { updateLead as route } from '#packages/api/routes/leads.ts';
import { updateLead } from '#packages/core/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await updateLead(params.id, body, ctx)));
