import { settle as route } from '#packages/features/tables/routes.ts';
import { settle } from '#packages/features/tables/booking-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await settle(params.id, ctx)));
