import { listTables as route } from '#packages/features/tables/routes.ts';
import { listTables } from '#packages/features/tables/table-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await listTables(params.id)));
