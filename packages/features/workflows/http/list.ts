import { listWorkflows as route } from '#packages/features/workflows/routes.ts';
import { listWorkflows } from '#packages/features/workflows/workflow-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listWorkflows(query)));
