import { buildOpenApiDocument } from '#packages/api/openapi.ts';
import { routes } from '#packages/api/routes/index.ts';
import { openApi as route } from '#packages/features/system/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

// Built once per cold start: the route table cannot change while the function lives.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = httpHandler(route, async () => ok((document ??= buildOpenApiDocument(routes))));
