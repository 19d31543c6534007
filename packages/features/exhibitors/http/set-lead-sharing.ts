import { setLeadSharing as route } from '#packages/features/exhibitors/routes.ts';
import { setLeadSharing } from '#packages/features/exhibitors/lead-sharing.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await setLeadSharing(params.token, body.share)));
