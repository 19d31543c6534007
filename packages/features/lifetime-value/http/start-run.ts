import { startLtvRun as route } from '#packages/features/lifetime-value/routes.ts';
import { startRun } from '#packages/features/lifetime-value/model-service.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => {
  const { run, started } = await startRun(body.model);
  return { status: started ? 202 : 200, body: run };
});
