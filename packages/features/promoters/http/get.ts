import { getPromoter as route } from '#packages/features/promoters/routes.ts';
import { getPromoter } from '#packages/features/promoters/promoter-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal }) => ok(await getPromoter(params.id, principal)));
