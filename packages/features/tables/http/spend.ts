import { recordSpend as route } from '#packages/features/tables/routes.ts';
import { recordSpend } from '#packages/features/tables/booking-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await recordSpend(params.id, body.amount)));
