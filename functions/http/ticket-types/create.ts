import { createTicketType as route } from '#packages/api/routes/ticket-types.ts';
import { createTicketType } from '#packages/core/ticket-types/ticket-type-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createTicketType(params.id, body)));
