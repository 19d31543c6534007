import { listPipelines as route } from '#packages/api/routes/pipelines.ts';
import { listPipelines } from '#packages/core/pipelines/pipeline-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listPipelines(query, ctx)));
