import { getTicketType as route } from '#packages/api/routes/ticket-types.ts';
import { getTicketType } from '#packages/core/ticket-types/ticket-type-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getTicketType(params.id, params.ticketTypeId)));
