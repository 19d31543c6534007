import { qualifyLead as route } from '#packages/features/exhibitors/routes.ts';
import { qualifyLead } from '#packages/features/exhibitors/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal }) => ok(await qualifyLead(principal, params.id, params.exhibitorId, params.leadId, body)));
