import { getExhibitor as route } from '#packages/features/exhibitors/routes.ts';
import { getExhibitor } from '#packages/features/exhibitors/exhibitor-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal }) => ok(await getExhibitor(principal, params.id, params.exhibitorId)));
