import { listPromoters as route } from '#packages/features/promoters/routes.ts';
import { listPromoters } from '#packages/features/promoters/promoter-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listPromoters(query)));
