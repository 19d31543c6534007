import { createPipeline as route } from '#packages/features/pipelines/routes.ts';
import { createPipeline } from '#packages/features/pipelines/pipeline-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createPipeline(body, ctx)));
