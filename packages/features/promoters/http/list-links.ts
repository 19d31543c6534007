import { listPromoterLinks as route } from '#packages/features/promoters/routes.ts';
import { listLinks } from '#packages/features/promoters/link-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query, principal }) => ok(await listLinks(params.id, query, principal)));
