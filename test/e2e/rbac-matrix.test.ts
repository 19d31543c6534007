import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { isPublic, routeKey, type RouteDefinition } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { builtInRoleNames, builtInRoles } from '#packages/auth/roles.ts';
import { useTestApi, type ApiResponse } from '../support/local-api.ts';

/**
 * Every route of the route table × every built-in role, through the real
 * HTTP server: a role without the route's permission gets 403 `forbidden`;
 * a role with it gets past authorization, which runs before validation, so
 * anything but 401/403 (a 400 for the minimal body, a 404 for the placeholder
 * id) proves it. Generated from the table, so new routes are covered as they
 * are added.
 */
const api = useTestApi();

const BATCH = 16;
const protectedRoutes = routes.filter((route) => !isPublic(route));
const publicRoutes = routes.filter(isPublic);

/** Placeholder ids (ULIDs) for every `{param}`; `{}` for a route that takes a body. */
function request(route: RouteDefinition): [string, string, { body?: unknown }] {
  const path = route.path.replace(/\{[^}]+\}/g, () => ulid());
  return [route.method, path, route.request?.body ? { body: {} } : {}];
}

async function inBatches<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) results.push(...(await Promise.all(items.slice(i, i + BATCH).map(fn))));
  return results;
}

const outcome = (route: RouteDefinition, res: ApiResponse) => `${routeKey(route)} → ${res.status} ${res.body?.code ?? ''}`.trim();

describe('RBAC matrix: every protected route × every built-in role', () => {
  it('covers the route table', () => {
    expect(protectedRoutes.length).toBeGreaterThan(30);
    expect(protectedRoutes.map(routeKey)).toContain('POST /v1/roles');
  });

  it.each(builtInRoleNames)('%s: 403 exactly where its permissions do not reach', async (role) => {
    const granted = new Set<string>(builtInRoles[role]);
    const responses = await inBatches(protectedRoutes, async (route) => {
      const [method, path, options] = request(route);
      return { route, res: await api.call(method, path, { ...options, role, userId: `rbac-${role}` }) };
    });
    const wrong = responses
      .filter(({ route, res }) =>
        granted.has(route.permission!) ? res.status === 401 || res.status === 403 : res.status !== 403 || res.body?.code !== 'forbidden',
      )
      .map(({ route, res }) => `${outcome(route, res)} (permission ${route.permission}${granted.has(route.permission!) ? ' granted' : ' not granted'})`);
    expect(wrong).toEqual([]);
  });

  it('401 on every protected route without a token; public routes need none', async () => {
    const anonymous = await inBatches(protectedRoutes, async (route) => {
      const [method, path, options] = request(route);
      return { route, res: await api.call(method, path, { ...options, role: null }) };
    });
    expect(anonymous.filter(({ res }) => res.status !== 401).map(({ route, res }) => outcome(route, res))).toEqual([]);

    const open = await inBatches(publicRoutes, async (route) => {
      const [method, path, options] = request(route);
      return { route, res: await api.call(method, path, { ...options, role: null }) };
    });
    expect(open.filter(({ res }) => res.status === 401 || res.status === 403).map(({ route, res }) => outcome(route, res))).toEqual([]);
  });
});
