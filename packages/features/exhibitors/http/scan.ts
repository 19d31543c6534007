import { scanBadge as route } from '#packages/features/exhibitors/routes.ts';
import { scanBadge } from '#packages/features/exhibitors/badge-scan.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx }) => created(await scanBadge(principal, params.id, params.exhibitorId, body.code, ctx)));
