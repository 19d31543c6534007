import { getLeadSharing as route } from '#packages/features/exhibitors/routes.ts';
import { getLeadSharing } from '#packages/features/exhibitors/lead-sharing.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getLeadSharing(params.token)));
