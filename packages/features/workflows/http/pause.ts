import { pauseWorkflow as route } from '#packages/features/workflows/routes.ts';
import { setStatus } from '#packages/features/workflows/workflow-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await setStatus(params.id, 'paused')));
