import { createWorkflowVersion as route } from '#packages/features/workflows/routes.ts';
import { newVersion } from '#packages/features/workflows/workflow-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await newVersion(params.id, body.definition)));
