import { listTicketTypes as route } from '#packages/features/ticket-types/routes.ts';
import { listTicketTypes } from '#packages/features/ticket-types/ticket-type-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listTicketTypes(params.id, query)));
