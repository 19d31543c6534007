import { exportSeatMap as route } from '#packages/features/seating/routes.ts';
import { exportPretix } from '#packages/features/seating/map-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await exportPretix(params.id, params.version)));
