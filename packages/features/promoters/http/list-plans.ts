import { listCommissionPlans as route } from '#packages/features/promoters/routes.ts';
import { listPlans } from '#packages/features/promoters/plan-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listPlans(query)));
