import { listTicketTypes as route } from '#packages/api/routes/ticket-types.ts';
import { listTicketTypes } from '#packages/core/ticket-types/ticket-type-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listTicketTypes(params.id, query)));
