import { listLeads as route } from '#packages/features/leads/routes.ts';
import { listLeads } from '#packages/features/leads/lead-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listLeads(query)));
