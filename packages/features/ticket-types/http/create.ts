import { createTicketType as route } from '#packages/features/ticket-types/routes.ts';
import { createTicketType } from '#packages/features/ticket-types/ticket-type-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createTicketType(params.id, body)));
