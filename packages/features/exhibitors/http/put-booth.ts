import { putBoothOnSale as route } from '#packages/features/exhibitors/routes.ts';
import { putBoothOnSale } from '#packages/features/exhibitors/booth-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await putBoothOnSale(params.id, params.boothGuid, body.price)));
