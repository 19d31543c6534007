import { bookBooth as route } from '#packages/features/exhibitors/routes.ts';
import { bookBooth } from '#packages/features/exhibitors/booth-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx }) => ok(await bookBooth(params.id, params.boothGuid, body.exhibitorId, principal, ctx)));
