import { listCheckIns as route } from '#packages/features/check-ins/routes.ts';
import { listCheckIns } from '#packages/features/check-ins/check-in-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listCheckIns(params.id, query, query)));
