import { updateExhibitor as route } from '#packages/features/exhibitors/routes.ts';
import { updateExhibitor } from '#packages/features/exhibitors/exhibitor-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal }) => ok(await updateExhibitor(principal, params.id, params.exhibitorId, body)));
