import { isPublic, routeKey, type RouteDefinition } from '#packages/core/route.ts';
import { apiRoutes, mergeKey, type ApiRoute } from '#packages/http/api-routes.ts';
import type { TenantConfig } from './tenants.ts';

export interface RouteThrottle {
  /** Steady requests per second. */
  rateLimit: number;
  /** Bucket size: requests API Gateway admits at once above the steady rate. */
  burstLimit: number;
  why: string;
}

/**
 * Routes that must keep answering while a flash sale hammers the storefront,
 * by route key. The stage's default throttle (tenants.json `throttle`) applies
 * to every other route, each route with a bucket of its own; the routes here
 * get limits of their own above it. What a sale can still exhaust is what all
 * routes share: the account's API Gateway quota per region and Lambda's
 * concurrency, which is why the storefront stays at the default while these
 * are raised: the sale gets 429s before the door or Stripe do.
 *
 * The numbers are floors: a tenant whose default is higher keeps its default
 * (a door must never get less than the back office). Keys are checked against
 * the route table by test/infra/route-throttles.test.ts, so a renamed route
 * cannot silently lose its limits.
 */
export const routeThrottles: Readonly<Record<string, RouteThrottle>> = {
  'POST /v1/events/{id}/check-ins': {
    rateLimit: 500,
    burstLimit: 1000,
    why: 'the door: every gate scans at once when doors open, one request per ticket',
  },
  'POST /v1/events/{id}/check-ins/batch': {
    rateLimit: 100,
    burstLimit: 300,
    why: 'offline scanners upload their backlog together when the venue network comes back',
  },
  'POST /v1/webhooks/stripe': {
    rateLimit: 300,
    burstLimit: 600,
    why: 'one delivery per payment: a sale produces them as fast as it sells, and a throttled delivery leaves an order unpaid until Stripe retries',
  },
};

export interface StageRouteSetting {
  ThrottlingRateLimit: number;
  ThrottlingBurstLimit: number;
}

/**
 * The stage's `RouteSettings`: each throttled route the route table has, at
 * the larger of its floor and the tenant's default. Routes the table lacks
 * (fixture tables in tests) are left out: a route setting for a missing route
 * key fails the deploy.
 */
export function stageRouteSettings(
  routes: readonly Pick<RouteDefinition, 'method' | 'path'>[],
  defaults: TenantConfig['throttle'],
  table: Readonly<Record<string, RouteThrottle>> = routeThrottles,
): Record<string, StageRouteSetting> {
  const present = new Set(routes.map(routeKey));
  const settings: Record<string, StageRouteSetting> = {};
  for (const [key, throttle] of Object.entries(table)) {
    if (!present.has(key)) continue;
    const rate = Math.max(throttle.rateLimit, defaults.rateLimit);
    settings[key] = { ThrottlingRateLimit: rate, ThrottlingBurstLimit: Math.max(throttle.burstLimit, defaults.burstLimit, rate) };
  }
  return settings;
}

/**
 * The API Gateway routes the stack deploys (packages/http/api-routes.ts): a
 * throttled route keeps a route key of its own, so its stage setting above
 * names it and no other method shares its bucket.
 */
export const deployedApiRoutes = (
  routes: readonly RouteDefinition[],
  table: Readonly<Record<string, RouteThrottle>> = routeThrottles,
  { mergeAuthed = true }: { mergeAuthed?: boolean } = {},
): ApiRoute[] =>
  apiRoutes(routes, (route) =>
    // An authed `ANY /path` route sends a browser's preflight OPTIONS (no token) to the JWT authorizer, which refuses it:
    // a tenant with corsOrigins keeps one route per method wherever a token is needed (docs/operations.md).
    !mergeAuthed && !isPublic(route) ? routeKey(route) : `${mergeKey(route)}|${routeKey(route) in table ? routeKey(route) : ''}`,
  );
