import { createTable as route } from '#packages/features/tables/routes.ts';
import { createTable } from '#packages/features/tables/table-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createTable(params.id, body)));
