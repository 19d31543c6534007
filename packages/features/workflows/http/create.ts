import { createWorkflow as route } from '#packages/features/workflows/routes.ts';
import { createWorkflow } from '#packages/features/workflows/workflow-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createWorkflow(body)));
