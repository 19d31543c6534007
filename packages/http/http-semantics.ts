import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ExpectedRevision } from '#packages/core/db/revisions.ts';
import type { RouteDefinition } from '#packages/core/route.ts';
import type { HttpResult } from './http-handler.ts';
import { HttpProblem } from './problem.ts';

/**
 * HTTP semantics the stack adds to every route by what its definition says
 * (docs/api-conventions.md): `If-Match` read into the revision the service's
 * write is conditional on, `ETag` from the resource's revision, `Location` on
 * every 201.
 */

const header = (event: Pick<APIGatewayProxyEventV2, 'headers'>, name: string) =>
  Object.entries(event.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * The revision an `If-Match` names. `*` (any current version) and no header
 * ask for none. An ETag this API never issued (weak, another format, a list)
 * cannot match the current version: 412 at once, as RFC 9110 §13.1.1 says.
 */
export function expectedRevision(route: Pick<RouteDefinition, 'ifMatch'>, event: Pick<APIGatewayProxyEventV2, 'headers'>): ExpectedRevision {
  if (!route.ifMatch) return undefined;
  const value = header(event, 'if-match')?.trim();
  if (value === undefined || value === '*') return undefined;
  const match = /^"(\d{1,15})"$/.exec(value);
  if (!match) {
    throw new HttpProblem({
      status: 412,
      code: 'precondition_failed',
      title: 'Precondition failed',
      detail: 'If-Match must be the ETag a GET of this resource answered, such as "3"',
    });
  }
  return Number(match[1]);
}

const revisionIn = (body: unknown): number | undefined => {
  const revision = (body as { revision?: unknown } | null)?.revision;
  return typeof revision === 'number' ? revision : undefined;
};

/** A single resource's 200 carries its revision as a strong ETag (a resource written before revisions existed is "0"). */
export function withETag(route: Pick<RouteDefinition, 'etag' | 'ifMatch'>, result: HttpResult): HttpResult {
  if (!(route.etag || route.ifMatch) || result.status !== 200 || !result.body || typeof result.body !== 'object') return result;
  return { ...result, headers: { etag: `"${revisionIn(result.body) ?? 0}"`, ...result.headers } };
}

/**
 * The URL of what a 201 created: the route's `location` template (`{created}`
 * is the new resource's id, other `{names}` the request's path parameters),
 * by default the request path + the new id.
 */
export function withLocation(
  route: Pick<RouteDefinition, 'location' | 'path'>,
  event: Pick<APIGatewayProxyEventV2, 'pathParameters'>,
  result: HttpResult,
): HttpResult {
  if (result.status !== 201 || result.headers?.location || route.location === null) return result;
  const created = (result.body as { id?: unknown } | null)?.id;
  const template = route.location ?? `${route.path}/{created}`;
  if (template.includes('{created}') && typeof created !== 'string') return result;
  const params = event.pathParameters ?? {};
  let missing = false;
  const url = template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const value = name === 'created' ? (created as string) : params[name];
    if (value === undefined) missing = true;
    // API Gateway hands path parameters still percent-encoded; ids are plain anyway.
    return name === 'created' ? encodeURIComponent(value ?? '') : (value ?? '');
  });
  return missing ? result : { ...result, headers: { ...result.headers, location: url } };
}
