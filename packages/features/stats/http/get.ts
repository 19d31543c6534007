import { getEventStats as route } from '#packages/features/stats/routes.ts';
import { getEventStats } from '#packages/features/stats/get-stats.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getEventStats(params.id)));
