import { confirmDeposit as route } from '#packages/features/tables/routes.ts';
import { confirmDeposit } from '#packages/features/tables/deposit-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await confirmDeposit(params.id, ctx)));
