import { startDeposit as route } from '#packages/features/tables/routes.ts';
import { startDeposit } from '#packages/features/tables/deposit-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await startDeposit(params.id)));
