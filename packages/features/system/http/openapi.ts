import type { buildOpenApiDocument } from '#packages/api/openapi.ts';
import { openApi as route } from '#packages/features/system/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

// Built once per cold start: the route table cannot change while the function lives.
// The table (every route's schemas) and the generator are loaded then, not at the
// import of the function that also answers the health checks.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(route, async () => {
  if (!document) {
    const [{ buildOpenApiDocument }, { routes }] = await Promise.all([import('#packages/api/openapi.ts'), import('#packages/api/routes/index.ts')]);
    document ??= buildOpenApiDocument(routes);
  }
  return ok(document);
});
