import { listLeads as route } from '#packages/api/routes/leads.ts';
import { listLeads } from '#packages/core/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listLeads(query)));
