import { convertLead as route } from '#packages/features/leads/routes.ts';
import { convertLead } from '#packages/features/leads/convert-lead.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await convertLead(params.id, body, ctx)));
