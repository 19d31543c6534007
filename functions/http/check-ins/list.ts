import { listCheckIns as route } from '#packages/api/routes/check-ins.ts';
import { listCheckIns } from '#packages/core/check-ins/check-in-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listCheckIns(params.id, query, query)));
