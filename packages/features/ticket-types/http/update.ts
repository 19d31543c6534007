import { updateTicketType as route } from '#packages/features/ticket-types/routes.ts';
import { updateTicketType } from '#packages/features/ticket-types/ticket-type-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ifMatch }) =>
  ok(await updateTicketType(params.id, params.ticketTypeId, body, ifMatch)),
);
