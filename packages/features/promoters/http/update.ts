import { updatePromoter as route } from '#packages/features/promoters/routes.ts';
import { updatePromoter } from '#packages/features/promoters/promoter-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updatePromoter(params.id, body)));
