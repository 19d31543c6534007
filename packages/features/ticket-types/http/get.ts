import { getTicketType as route } from '#packages/features/ticket-types/routes.ts';
import { getTicketType } from '#packages/features/ticket-types/ticket-type-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getTicketType(params.id, params.ticketTypeId)));
