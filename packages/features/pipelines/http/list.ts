import { listPipelines as route } from '#packages/features/pipelines/routes.ts';
import { listPipelines } from '#packages/features/pipelines/pipeline-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listPipelines(query, ctx)));
