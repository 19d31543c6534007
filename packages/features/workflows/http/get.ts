import { getWorkflow as route } from '#packages/features/workflows/routes.ts';
import { getWorkflow } from '#packages/features/workflows/workflow-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getWorkflow(params.id)));
