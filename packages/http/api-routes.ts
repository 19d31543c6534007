import { isPublic, routeKey, type RouteDefinition } from '#packages/core/route.ts';
import { routeSecrets } from './cursors/list-routes.ts';

/** One API Gateway route: `ANY /path` serving several methods of the route table, or one `METHOD /path`. */
export interface ApiRoute {
  key: string;
  path: string;
  /** The route-table routes it serves: one, or for an `ANY` key several methods of its path. */
  routes: RouteDefinition[];
  public: boolean;
}

const isParameter = (segment: string) => /^\{[^}]+\}$/.test(segment);

/** Whether some request path matches both patterns (`/v1/users/{id}` and `/v1/users/me`). */
export function patternsOverlap(a: string, b: string): boolean {
  const x = a.split('/');
  const y = b.split('/');
  return x.length === y.length && x.every((segment, i) => segment === y[i] || isParameter(segment) || isParameter(y[i]!));
}

/**
 * What makes two routes of one path servable by one `ANY` route, as far as the
 * route table tells: the same handler folder (so the same feature function),
 * neither with a function of its own, both or neither paying through Stripe
 * (the `<feature>-payments` function). Infra adds the throttle to it and
 * checks each merged route lands on one function; the local API uses it as is.
 */
export const mergeKey = (route: RouteDefinition): string =>
  [route.handler.split('/')[0], route.ownFunction === undefined ? '' : route.handler, routeSecrets(route).includes('stripe')].join('|');

/**
 * The API Gateway routes for a route table, under the 300 routes per API of
 * API Gateway's default quota: the methods of one path that one function
 * serves with the same authorizer (`groupOf` says which go together) become
 * one `ANY /path` route; the function's dispatcher picks the handler by method
 * and answers 405 with `Allow` for a method the table lacks.
 *
 * Kept as one route per method: a method alone in its group, and every method
 * of a path another path's pattern overlaps (`/v1/users/{id}` beside
 * `/v1/users/me`): there `ANY /v1/users/{id}` could take a request that
 * `/v1/users/me`'s methods do not have, an order API Gateway does not
 * document. At most one `ANY` per path (the group with the most methods,
 * authed on a tie); the methods of the path's other groups keep their own
 * routes, which API Gateway prefers over `ANY`: a public `ANY` never takes an
 * authed method, nor an authed one a public method.
 */
export function apiRoutes(routes: readonly RouteDefinition[], groupOf: (route: RouteDefinition) => string = mergeKey): ApiRoute[] {
  const paths = [...new Set(routes.map((route) => route.path))];
  const byPath = new Map<string, Map<string, RouteDefinition[]>>();
  for (const route of routes) {
    const groups = byPath.get(route.path) ?? new Map<string, RouteDefinition[]>();
    const group = `${groupOf(route)}|${isPublic(route)}`;
    groups.set(group, [...(groups.get(group) ?? []), route]);
    byPath.set(route.path, groups);
  }
  const result: ApiRoute[] = [];
  for (const [path, groups] of byPath) {
    const overlapped = paths.some((other) => other !== path && patternsOverlap(path, other));
    const merged = overlapped
      ? undefined
      : [...groups.values()]
          .filter((group) => group.length > 1)
          .sort((a, b) => b.length - a.length || Number(isPublic(a[0]!)) - Number(isPublic(b[0]!)))[0];
    for (const group of groups.values()) {
      if (group === merged) result.push({ key: `ANY ${path}`, path, routes: group, public: isPublic(group[0]!) });
      else for (const route of group) result.push({ key: routeKey(route), path, routes: [route], public: isPublic(route) });
    }
  }
  return result;
}

/** Route key of the API route serving each route-table route (`GET /v1/venues` → `ANY /v1/venues`). */
export const apiRouteKeyOf = (api: readonly ApiRoute[]): Map<string, string> =>
  new Map(api.flatMap((apiRoute) => apiRoute.routes.map((route) => [routeKey(route), apiRoute.key] as const)));
