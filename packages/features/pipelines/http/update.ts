import { updatePipeline as route } from '#packages/features/pipelines/routes.ts';
import { updatePipeline } from '#packages/features/pipelines/pipeline-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updatePipeline(params.id, body)));
