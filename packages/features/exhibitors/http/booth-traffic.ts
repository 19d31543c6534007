import { boothTraffic as route } from '#packages/features/exhibitors/routes.ts';
import { boothTraffic } from '#packages/features/exhibitors/traffic.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await boothTraffic(params.id)));
