import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import type { HttpResult } from './http-handler.ts';

const header = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string) =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/** A strong ETag of what the response carries: the same bytes, the same tag. */
const etagOf = (result: HttpResult) =>
  `"${createHash('sha256').update(result.rawBody ?? JSON.stringify(result.body ?? null)).digest('base64url').slice(0, 27)}"`;

/** RFC 9110 §13.1.2: `*`, or any listed tag equal by weak comparison. */
const noneMatch = (given: string | undefined, etag: string) =>
  given?.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag.replace(/^W\//, '');
  }) ?? false;

/**
 * A route's `cache` (RouteDefinition.cache) on its 200: `Cache-Control:
 * public, max-age=<n>` (the route table allows it on public GETs only), an
 * `ETag` (the handler's own, such as a schedule release's, else a hash of the
 * body), and `304 Not Modified` without a body when `If-None-Match` names it.
 * A route without `cache` is left as it is: authenticated answers carry no
 * caching header, or their own `private`/`no-store`.
 */
export function withCaching(route: Pick<RouteDefinition, 'cache' | 'method' | 'permission'>, event: Pick<APIGatewayProxyEventV2, 'headers'>, result: HttpResult): HttpResult {
  if (!route.cache || result.status !== 200) return result;
  const etag = result.headers?.etag ?? etagOf(result);
  const headers = { 'cache-control': `public, max-age=${route.cache.maxAgeSeconds}`, etag };
  if (noneMatch(header(event, 'if-none-match'), etag)) return { status: 304, headers };
  return { ...result, headers: { ...result.headers, ...headers } };
}

/** Why a route's `cache` is refused: shared caches may keep only what anyone may read. */
export function cacheDeclarationProblem(route: Pick<RouteDefinition, 'cache' | 'method' | 'permission' | 'operationId'>): string | undefined {
  if (!route.cache) return undefined;
  if (route.method !== 'GET' || route.permission !== null) return `${route.operationId}: cache is for public GET routes only`;
  if (!Number.isInteger(route.cache.maxAgeSeconds) || route.cache.maxAgeSeconds < 1) return `${route.operationId}: cache.maxAgeSeconds must be a whole number ≥ 1`;
  return undefined;
}
