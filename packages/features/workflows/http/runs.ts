import { listWorkflowRuns as route } from '#packages/features/workflows/routes.ts';
import { listRuns } from '#packages/features/workflows/workflow-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listRuns(params.id, query)));
