import { listWorkflowTemplates as route } from '#packages/features/workflows/routes.ts';
import { listTemplates } from '#packages/features/workflows/workflow-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => ok(listTemplates()));
