import type { RouteDefinition } from '#packages/core/route.ts';
import { apiRoutes } from '#packages/http/api-routes.ts';

export interface RouteMatch {
  route: RouteDefinition;
  pathParameters: Record<string, string>;
}

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

/**
 * Matches like API Gateway: `{name}` is one path segment; literal segments win
 * over parameters. Parameters are handed on as sent, still percent-encoded,
 * as API Gateway does: the handler stack decodes them (and answers 400 for a
 * malformed escape), so the local runner and Lambda behave the same.
 */
export function createRouteMatcher(routes: readonly RouteDefinition[]) {
  const compiled: CompiledRoute[] = routes
    .map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    })
    .sort((a, b) => a.names.length - b.names.length);
  // The deployed API's `ANY /path` routes (packages/http/api-routes.ts): a method the table lacks there reaches their authorizer first.
  const anyRoutes = new Map(apiRoutes(routes).filter((r) => r.key.startsWith('ANY ')).map((r) => [r.path, r] as const));

  return {
    match(method: string, path: string): RouteMatch | 'method_not_allowed' | null {
      let pathMatched = false;
      for (const { route, pattern, names } of compiled) {
        const m = pattern.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (route.method !== method) continue;
        const pathParameters = Object.fromEntries(names.map((n, i) => [n, m[i + 1] ?? '']));
        return { route, pathParameters };
      }
      return pathMatched ? 'method_not_allowed' : null;
    },
    /**
     * For a method the table lacks on this path: whether API Gateway would ask
     * for a token before answering 405, as it does where the path is deployed
     * as an authed `ANY` route (elsewhere the public `$default` route answers).
     */
    unlistedMethodNeedsToken(path: string): boolean {
      const hit = compiled.find(({ pattern }) => pattern.test(path));
      const any = hit && anyRoutes.get(hit.route.path);
      return any !== undefined && !any.public;
    },
    /** The methods of the path's routes (the `Allow` of a 405): those of the most specific pattern it matches. */
    allowed(path: string): string[] {
      const hits = compiled.filter(({ pattern }) => pattern.test(path));
      const fewest = Math.min(...hits.map(({ names }) => names.length));
      // Sorted, as the deployed API's 405s list them (packages/http/unmatched-route.ts).
      return [...new Set(hits.filter(({ names }) => names.length === fewest).map(({ route }) => route.method))].sort();
    },
  };
}
