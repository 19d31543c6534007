import { bookTable as route } from '#packages/features/tables/routes.ts';
import { bookTable } from '#packages/features/tables/booking-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await bookTable(body)));
