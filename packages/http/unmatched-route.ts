import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { problem } from './problem.ts';

/** Each path of the route table with the methods it has (`['/v1/venues', ['GET', 'POST']]`). */
export type PathMethods = readonly (readonly [path: string, methods: readonly string[]])[];

/** The route table's paths and their methods, sorted, for the `Allow` of a 405 (infra generates it into the system function's entry). */
export function pathMethods(routes: readonly { method: string; path: string }[]): [string, string[]][] {
  const byPath = new Map<string, Set<string>>();
  for (const { method, path } of routes) byPath.set(path, (byPath.get(path) ?? new Set()).add(method));
  return [...byPath].map(([path, methods]) => [path, [...methods].sort()]);
}

/**
 * API Gateway's `$default` route: a request no route of the table matched.
 * HTTP API itself answers such a request `404 {"message":"Not Found"}`, also
 * for a path that exists under other methods; this answers as the local
 * runner does (packages/local/route-matcher.ts): 405 problem+json with `Allow`
 * listing the path's methods (of its most specific pattern: literal segments
 * win over parameters, as API Gateway matches), else 404 problem+json.
 * One route for the whole API; the paths served through an `ANY` route
 * (packages/http/api-routes.ts) answer their own 405s in their function.
 */
export function unmatchedRoute(table: PathMethods) {
  const compiled = table.map(([path, methods]) => {
    const segments = path.split('/');
    return {
      methods,
      parameters: segments.filter((s) => /^\{[^}]+\}$/.test(s)).length,
      pattern: new RegExp(`^${segments.map((s) => (/^\{[^}]+\}$/.test(s) ? '[^/]+' : s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))).join('/')}$`),
    };
  });
  return async (event: Pick<APIGatewayProxyEventV2, 'rawPath' | 'requestContext'>): Promise<APIGatewayProxyStructuredResultV2> => {
    const path = event.rawPath ?? '/';
    const method = event.requestContext?.http?.method ?? 'GET';
    const hits = compiled.filter((c) => c.pattern.test(path));
    if (hits.length === 0) return problem({ status: 404, code: 'not_found', title: 'Not found', detail: `No route for ${path}` });
    const fewest = Math.min(...hits.map((h) => h.parameters));
    const allow = [...new Set(hits.filter((h) => h.parameters === fewest).flatMap((h) => h.methods))].sort().join(', ');
    return methodNotAllowed(method, path, allow);
  };
}

/** 405 problem+json with `Allow` (`GET, POST`): the `$default` route's answer, and an `ANY /path` route's for a method the table lacks. */
export function methodNotAllowed(method: string, path: string, allow: string): APIGatewayProxyStructuredResultV2 {
  const answer = problem({
    status: 405,
    code: 'method_not_allowed',
    title: 'Method not allowed',
    detail: `${method} is not allowed on ${path}; allowed: ${allow}`,
  });
  return { ...answer, headers: { ...answer.headers, allow } };
}
