import { createImport as route } from '#packages/features/imports/routes.ts';
import { createImport } from '#packages/features/imports/import-service.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => {
  const result = await createImport(body, ctx);
  return { status: 'dryRun' in result ? 200 : 202, body: result };
});
