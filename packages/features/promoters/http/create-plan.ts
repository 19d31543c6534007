import { createCommissionPlan as route } from '#packages/features/promoters/routes.ts';
import { createPlan } from '#packages/features/promoters/plan-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createPlan(body)));
