import { createPayout as route } from '#packages/features/promoters/routes.ts';
import { createPayout } from '#packages/features/promoters/payouts.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => created(await createPayout(params.id, ctx)));
