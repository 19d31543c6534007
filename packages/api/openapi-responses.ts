import * as z from 'zod/mini';
import { isPublic, type RouteDefinition } from '#packages/core/route.ts';

/**
 * The statuses every route can answer besides its own, by what the route
 * definition says it does (docs/api-conventions.md): a token → 401/403, a path
 * parameter → 404, a body → 400/413, a POST (Idempotency-Key) → 409/422, an
 * `If-Match` → 412; every route may be throttled (429) or meet a dependency
 * fault (503). Each is problem+json except the gateway's own 429.
 */
export const errorResponses = {
  400: {
    name: 'BadRequest',
    description:
      'The input does not match the schema (`validation_failed`), a path segment is not valid percent-encoding (`invalid_path`), the body is not JSON (`invalid_json`), a cursor is bad (`invalid_cursor`) or the Idempotency-Key is empty or over 255 characters (`invalid_idempotency_key`)',
  },
  401: { name: 'Unauthorized', description: 'The bearer token is missing or invalid (`unauthorized`)' },
  403: { name: 'Forbidden', description: "The token's role lacks the route's permission (`forbidden`)" },
  404: { name: 'NotFound', description: 'No such resource (`not_found`)' },
  409: {
    name: 'IdempotencyInProgress',
    description: 'A request with the same Idempotency-Key is still being processed (`idempotency_in_progress`); retry shortly',
  },
  412: {
    name: 'PreconditionFailed',
    description:
      'The `If-Match` ETag is not the current version: someone changed the resource since you read it (`precondition_failed`). GET it again, reapply your change and retry with the new ETag',
  },
  413: { name: 'PayloadTooLarge', description: 'The body is over the size limit (`payload_too_large`)' },
  422: {
    name: 'IdempotencyKeyReused',
    description: 'This Idempotency-Key was used with a different request (`idempotency_key_reused`); use a new key for a new request',
  },
  429: {
    name: 'TooManyRequests',
    description:
      "The API gateway's throttle for this route or the stage (per-route limits keep a flash sale from starving check-ins); back off and retry. Answered by the gateway itself: `{\"message\":\"Too Many Requests\"}`, not problem+json",
  },
  500: { name: 'InternalError', description: 'An unexpected failure on our side (`internal_error`)' },
  503: {
    name: 'DependencyUnavailable',
    description: 'A service the route depends on is down, slow or throttling (`dependency_unavailable`); retry after `Retry-After` seconds',
  },
} as const;

export type ErrorStatus = keyof typeof errorResponses;

/** Routes whose writes are conditional on `If-Match` (packages/http: the route declares `ifMatch`). */
export const takesIfMatch = (route: RouteDefinition): boolean => route.ifMatch === true;

/** Single-resource GETs (a path parameter, no list query) answer an ETag when the resource has a version. */
export const answersETag = (route: RouteDefinition): boolean => route.etag === true;

const ULID_FIELD = '[0-9A-HJKMNP-TV-Z]{26}';
const namesResources = new WeakMap<z.ZodMiniType, boolean>();

/** The body names another resource by id (a ticket type, a table): that one may not exist, 404. */
function bodyNamesResources(body: z.ZodMiniType | undefined): boolean {
  if (!body) return false;
  if (!namesResources.has(body)) {
    let text = '';
    try {
      text = JSON.stringify(z.toJSONSchema(body, { io: 'input', unrepresentable: 'any', cycles: 'ref' }));
    } catch {
      text = '';
    }
    namesResources.set(body, text.includes(ULID_FIELD));
  }
  return namesResources.get(body)!;
}

export function errorStatuses(route: RouteDefinition): ErrorStatus[] {
  const { params, query, body } = route.request ?? {};
  const post = route.method === 'POST';
  return [
    ...(params || query || body || post ? [400 as const] : []),
    ...(isPublic(route) ? [] : [401 as const, 403 as const]),
    ...(route.path.includes('{') || bodyNamesResources(body) ? [404 as const] : []),
    ...(post ? [409 as const] : []),
    ...(takesIfMatch(route) ? [412 as const] : []),
    ...(body ? [413 as const] : []),
    ...(post ? [422 as const] : []),
    429 as const,
    500 as const,
    503 as const,
  ];
}

export const retryAfterHeader = { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 1 }, example: 5 };
const etag = {
  description: "The resource's version; send it back in `If-Match` to change it only if nobody else did",
  schema: { type: 'string' },
  example: '"3"',
};

/** Response headers by status and route (docs/api-conventions.md). */
export function responseHeaders(route: RouteDefinition, status: number): Record<string, unknown> | undefined {
  const headers: Record<string, unknown> = {};
  if (status === 503 || status === 429) headers['Retry-After'] = retryAfterHeader;
  if (status === 201 && route.location !== null) {
    headers.Location = { description: 'The URL of the created resource', schema: { type: 'string', format: 'uri-reference' }, example: '/v1/venues/01JZ8Q3N6VKD2R5M8T1X4Y7B0C' };
  }
  if (route.method === 'POST' && status >= 200 && status < 300) {
    headers['Idempotent-Replayed'] = {
      description: 'Present and `true` when this is the stored answer to an earlier request with the same Idempotency-Key',
      schema: { type: 'string', enum: ['true'] },
    };
  }
  if (status === 200 && (answersETag(route) || takesIfMatch(route))) headers.ETag = etag;
  return Object.keys(headers).length ? headers : undefined;
}

/** Header parameters a route reads. */
export function headerParameters(route: RouteDefinition): Record<string, unknown>[] {
  const list: Record<string, unknown>[] = [];
  if (route.method === 'POST') {
    list.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'A unique key (a UUID v4) per intended request: a retry with the same key and body gets the stored answer (`Idempotent-Replayed: true`) instead of running twice; kept 48 hours',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      example: '9b2f6a4e-3c1d-4e8a-9f5b-7d6c2a1e0b43',
    });
  }
  if (takesIfMatch(route)) {
    list.push({
      name: 'If-Match',
      in: 'header',
      required: false,
      description: 'The ETag of the version you read; the change is refused with 412 if the resource changed since',
      schema: { type: 'string' },
      example: '"3"',
    });
  }
  return list;
}
