import { getEventStats as route } from '#packages/api/routes/stats.ts';
import { getEventStats } from '#packages/core/stats/get-stats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getEventStats(params.id)));
