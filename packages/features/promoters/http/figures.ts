import { getPromoterFigures as route } from '#packages/features/promoters/routes.ts';
import { promoterFigures } from '#packages/features/promoters/promoter-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, principal }) => ok(await promoterFigures(params.id, query.eventId, principal)));
