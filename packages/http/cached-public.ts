import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { HttpResult } from './http-handler.ts';

/** A release never changes once published: a minute fresh for caches, then revalidated by its ETag. */
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** `result` with ETag and Cache-Control, or 304 when the client's If-None-Match names this ETag (RFC 9110 §13.1.2). */
export function cachedPublic(event: APIGatewayProxyEventV2, etag: string, result: HttpResult): HttpResult {
  const headers = { etag, 'cache-control': CACHE_CONTROL };
  const given = event.headers?.['if-none-match'] ?? event.headers?.['If-None-Match'];
  const matches = given?.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);
  if (matches) return { status: 304, headers };
  return { ...result, headers: { ...result.headers, ...headers } };
}
