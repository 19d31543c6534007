import middy from '@middy/core';
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import type { RouteDefinition } from '#packages/core/route.ts';
import type { Principal } from '#packages/auth/principal.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { requestDeadline, withDeadline } from '#packages/core/dependencies/deadline.ts';
import { sealedCursors } from './cursors/sealed-cursors.ts';
import { logger } from '#packages/core/logger.ts';
import { authorize } from './middleware/authorize.ts';
import { bodyLimit } from './middleware/body-limit.ts';
import { errorMapper } from './middleware/error-mapper.ts';
import { idempotency } from './middleware/idempotency.ts';
import { routeLogScope, withRouteSecrets } from './middleware/invocation-scope.ts';
import { decodePathParameters } from './path-parameters.ts';
import { withAuditScope } from './audit-scope.ts';
import { parseInput, parseJsonBody } from './validation.ts';
import type { ExpectedRevision } from '#packages/core/db/revisions.ts';
import { expectedRevision, withETag, withLocation } from './http-semantics.ts';
import { cacheDeclarationProblem, withCaching } from './http-caching.ts';

type Infer<S> = S extends z.ZodMiniType ? z.infer<S> : undefined;

export interface HttpInput<R extends RouteDefinition> {
  params: Infer<NonNullable<R['request']>['params']>;
  query: Infer<NonNullable<R['request']>['query']>;
  body: Infer<NonNullable<R['request']>['body']>;
  principal: R['permission'] extends null ? Principal | null : Principal;
  ctx: RequestContext;
  event: APIGatewayProxyEventV2;
  /** The revision the caller's `If-Match` names, for a route that declares `ifMatch`; undefined without one. */
  ifMatch: ExpectedRevision;
}

export interface HttpResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as is (an SVG, a page) instead of JSON; set content-type in headers. */
  rawBody?: string;
}

export const ok = (body: unknown): HttpResult => ({ status: 200, body });
export const created = (body: unknown): HttpResult => ({ status: 201, body });
export const noContent = (): HttpResult => ({ status: 204 });

function toResponse(result: HttpResult): APIGatewayProxyStructuredResultV2 {
  if (result.rawBody !== undefined) return { statusCode: result.status, headers: result.headers, body: result.rawBody };
  return {
    statusCode: result.status,
    headers: { ...(result.body === undefined ? {} : { 'content-type': 'application/json' }), ...result.headers },
    ...(result.body === undefined ? {} : { body: JSON.stringify(result.body) }),
  };
}

/**
 * The one middy stack every HTTP handler runs in, inside the route's own
 * logger (invocation-scope.ts): CORS, body limit, Idempotency-Key (POST),
 * problem+json errors, then authorize → parse and validate → claim the
 * Idempotency-Key or replay → (with the route's secrets) open the list
 * cursor → the handler's domain call → seal the next cursor. A replay is
 * authorized and validated like a new request.
 *
 * Order matters: middy runs `before` in `use` order and `after`/`onError` in
 * reverse, so the idempotency middleware stores the error mapper's final
 * response, and CORS (outside it) decorates fresh and replayed answers alike.
 */
export function httpHandler<const R extends RouteDefinition>(
  route: R,
  fn: (input: HttpInput<R>) => Promise<HttpResult>,
) {
  const refused = cacheDeclarationProblem(route);
  if (refused) throw new Error(refused);
  const idempotent = idempotency(route);
  const cursors = sealedCursors(route);
  // The cursor key is derived from a tenant secret, so paging runs inside the secrets' scope too.
  const run = withRouteSecrets(route, async (input: HttpInput<R>): Promise<HttpResult> => {
    const paging = cursors ? await cursors({ params: input.params, query: input.query, actorId: input.ctx.actorId }) : null;
    const pathId = (input.params as { id?: unknown } | undefined)?.id;
    const answer = await withAuditScope(route, input.event, input.principal?.userId, typeof pathId === 'string' ? pathId : undefined, () =>
      fn(paging ? { ...input, query: paging.query as HttpInput<R>['query'] } : input),
    );
    return paging ? paging.seal(answer) : answer;
  });
  const core = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = performance.now();
    const principal = await authorize(route, event as never);
    const request = route.request ?? {};
    const params = request.params ? parseInput(request.params, decodePathParameters(event.pathParameters), 'params') : undefined;
    const query = request.query ? parseInput(request.query, event.queryStringParameters ?? {}, 'query') : undefined;
    const body = request.body
      ? parseInput(request.body, parseJsonBody(event.body, event.isBase64Encoded), 'body')
      : undefined;
    const ctx: RequestContext = {
      actorId: principal?.userId ?? 'anonymous',
      correlationId: event.requestContext.requestId ?? context.awsRequestId,
    };
    const ifMatch = expectedRevision(route, event);
    // Authorized and valid: only now may a stored response be replayed or the key be claimed.
    const replay = await idempotent.begin(event, context);
    if (replay) return replay;
    const answer = await run({ params, query, body, principal, ctx, event, ifMatch } as HttpInput<R>);
    const result = withCaching(route, event, withLocation(route, event, withETag(route, answer)));
    logger.info('handled', { status: result.status, ms: Math.round(performance.now() - started) });
    return toResponse(result);
  };

  const stack = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>(core)
    .use(httpCors({ origins: (process.env.CORS_ORIGINS ?? '*').split(','), headers: 'authorization,content-type,idempotency-key,if-match', exposeHeaders: 'etag,location,idempotent-replayed,retry-after' }))
    .use(bodyLimit(route.maxBodyBytes))
    .use(idempotent)
    .use(errorMapper());
  // The whole invocation, idempotency record included, under one deadline for
  // dependency calls: a hung dependency is a 503 before the Lambda times out.
  const bounded = (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
    return withDeadline(requestDeadline(remaining), () => stack(event, context));
  };
  return routeLogScope(route, bounded);
}
