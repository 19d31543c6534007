import { getMyPromoter as route } from '#packages/features/promoters/routes.ts';
import { myPromoter } from '#packages/features/promoters/promoter-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ principal }) => ok(await myPromoter(principal)));
