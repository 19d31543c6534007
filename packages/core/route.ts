import type * as z from 'zod/mini';
import type { Permission } from '#packages/auth/permissions.ts';
import type { TenantSecret } from './tenant-secrets.ts';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteRequest {
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
}

export interface RouteResponse {
  description: string;
  schema?: z.ZodMiniType;
}

/**
 * One row of the route table. CDK makes an HTTP API route + Lambda from it,
 * the local server dispatches by it, OpenAPI is generated from it, and the
 * handler validates with its schemas.
 */
/** Access to the tenant's file bucket (packages/core/storage). */
export type FilesAccess = 'read' | 'write';

export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  /** API Gateway style: `/v1/venues/{id}`. */
  path: string;
  /**
   * `<feature>/<action>`: the handler file `packages/features/<feature>/http/<action>.ts`
   * (handlerEntryPath), which exports `handler`; the feature is also the function it deploys in.
   */
  handler: string;
  /** null means public: no token needed. */
  permission: Permission | null;
  summary: string;
  tag: string;
  request?: RouteRequest;
  responses: Record<number, RouteResponse>;
  /** Tenant secrets the handler reads (CDK grants only these). */
  secrets?: readonly TenantSecret[];
  /**
   * The handler changes users or groups in the identity directory
   * (packages/auth/identity-directory.ts): CDK gives its function USER_POOL_ID
   * and exactly the cognito-idp actions of packages/auth/cognito-directory-actions.ts
   * on the tenant's user pool.
   */
  identityDirectory?: true;
  /**
   * The handler reads (`read`: downloads, presigned download links) or also
   * writes (`write`) files in the tenant's bucket (packages/core/storage): CDK
   * gives its function FILES_BUCKET and exactly that access; others get neither.
   */
  files?: FilesAccess;
  /**
   * The handler checks that the dependencies answer (GET /health/ready): CDK
   * lets its function describe the tenant bus and read the SES account, the
   * two cheap calls that check needs beyond a table read.
   */
  probesDependencies?: true;
  /**
   * Deploy this route in a Lambda of its own instead of its feature's
   * (infra/http-layout.ts), and say why: hot or latency-critical, or it holds a
   * secret or a dependency the rest of the feature must not carry.
   */
  ownFunction?: string;
  /**
   * The single-resource GET answers an `ETag` (the entity's version), for a
   * later `If-Match` (docs/api-conventions.md, "Concurrent edits").
   */
  etag?: true;
  /**
   * The PATCH or DELETE honours `If-Match`: the handler passes the expected
   * version to the service, whose write is conditional on it (412 `precondition_failed`).
   */
  ifMatch?: true;
  /**
   * Where a 201's resource is read (the `Location` header): a path template
   * where `{created}` is the new resource's id and other `{names}` are this
   * request's path parameters. By default this route's path + `/{created}`;
   * a resource without a GET of its own names the list it appears in; null
   * when its caller has nothing to read it with (a public sign-up).
   */
  location?: string | null;
  /**
   * A public GET whose answer shared caches and browsers may keep this long
   * (`Cache-Control: public, max-age=<n>`), with an `ETag` and `304` on a
   * matching `If-None-Match` (packages/http/http-caching.ts). Availability a
   * few seconds, the published agenda minutes. Routes without it send no
   * caching header (authenticated answers are never shared).
   */
  cache?: { maxAgeSeconds: number };
  /** A larger request body than the stack's default (256 KB), for the few routes that take a file in the body (imports: 5 MB). */
  maxBodyBytes?: number;
}

export const defineRoute = <const R extends RouteDefinition>(route: R): R => route;

export const isPublic = (route: RouteDefinition): boolean => route.permission === null;

export const routeKey = (route: Pick<RouteDefinition, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * Where a route's handler lives, relative to the repository root: the
 * feature's `http/` folder (`orders/get` → `packages/features/orders/http/get.ts`,
 * `activities/notes/get` → `packages/features/activities/http/notes/get.ts`).
 */
export function handlerEntryPath(handler: string): string {
  const slash = handler.indexOf('/');
  if (slash <= 0) throw new Error(`handler "${handler}" must be <feature>/<action>`);
  return `packages/features/${handler.slice(0, slash)}/http/${handler.slice(slash + 1)}.ts`;
}
