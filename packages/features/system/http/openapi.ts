import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { buildOpenApiDocument } from '#packages/api/openapi.ts';
import { openApi as route } from '#packages/features/system/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

// Built once per cold start: the route table cannot change while the function lives.
// The table (every route's schemas) and the generator are loaded then, not at the
// import of the function that also answers the health checks.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

const isLocalHost = (host: string) => /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);

/**
 * Where this API is served, from the request that fetched the document: the
 * custom domain or the API Gateway URL deployed (always https), the local
 * server's host locally. So "Try it out" and generated clients call the API the
 * document came from.
 */
export function serverOf(event: Pick<APIGatewayProxyEventV2, 'headers' | 'requestContext'>): { url: string; description: string } {
  const host = event.headers?.host ?? event.requestContext?.domainName;
  if (!host) return { url: '/', description: 'This API, where this document is served' };
  const scheme = isLocalHost(host) ? 'http' : (event.headers?.['x-forwarded-proto'] ?? 'https');
  return { url: `${scheme}://${host}`, description: isLocalHost(host) ? 'The local stack (npm start)' : 'This deployment' };
}

export const handler = httpHandler(route, async ({ event }) => {
  if (!document) {
    const [{ buildOpenApiDocument }, { routes }] = await Promise.all([import('#packages/api/openapi.ts'), import('#packages/api/routes/index.ts')]);
    document ??= buildOpenApiDocument(routes);
  }
  return ok({ ...document, servers: [serverOf(event)] });
});
