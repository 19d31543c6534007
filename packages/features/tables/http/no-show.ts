import { noShow as route } from '#packages/features/tables/routes.ts';
import { noShow } from '#packages/features/tables/booking-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await noShow(params.id, ctx)));
