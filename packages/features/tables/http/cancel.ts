import { cancelBooking as route } from '#packages/features/tables/routes.ts';
import { cancelBooking } from '#packages/features/tables/deposit-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await cancelBooking(params.id, ctx)));
