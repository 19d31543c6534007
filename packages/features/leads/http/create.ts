import { createLead as route } from '#packages/features/leads/routes.ts';
import { createLead } from '#packages/features/leads/lead-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createLead(body, ctx)));
