import { getPipeline as route } from '#packages/features/pipelines/routes.ts';
import { getPipeline } from '#packages/features/pipelines/pipeline-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getPipeline(params.id)));
