import { getPipeline as route } from '#packages/api/routes/pipelines.ts';
import { getPipeline } from '#packages/core/pipelines/pipeline-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getPipeline(params.id)));
