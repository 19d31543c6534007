import { listLeads as route } from '#packages/features/exhibitors/routes.ts';
import { listLeads } from '#packages/features/exhibitors/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, principal }) => ok(await listLeads(principal, params.id, params.exhibitorId, query)));
