import { getCommissionPlan as route } from '#packages/features/promoters/routes.ts';
import { getPlan } from '#packages/features/promoters/plan-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getPlan(params.id)));
