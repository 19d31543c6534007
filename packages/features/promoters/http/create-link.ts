import { createPromoterLink as route } from '#packages/features/promoters/routes.ts';
import { createLink } from '#packages/features/promoters/link-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal }) => created(await createLink(params.id, body, principal)));
