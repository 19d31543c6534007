import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import { principalFromClaims, resolvePrincipal, type AccessSource, type Principal } from '#packages/auth/principal.ts';
import { cachedAccessSource } from '#packages/features/identity/access-source.ts';
import { HttpProblem } from '../problem.ts';

type EventWithClaims = Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>;

/**
 * The JWT was verified before the handler runs (API Gateway's authorizer when
 * deployed, the local server locally); here we read its claims, resolve what
 * the caller's roles grant — built-in roles from code, custom roles and the
 * user's record from the table (cached per process, ACCESS_CACHE_MS) — and
 * apply the route's permission. Missing claims on a protected route are a 401
 * still, so a misconfigured route can never open up. Public routes make no
 * lookups: they get the caller as the token alone describes it, if any.
 */
export async function authorize(
  route: RouteDefinition,
  event: EventWithClaims,
  source: AccessSource = cachedAccessSource,
): Promise<Principal | null> {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (route.permission === null) return claims ? principalFromClaims(claims) : null;
  const principal = claims ? await resolvePrincipal(claims, source) : null;
  if (!principal) {
    throw new HttpProblem({ status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'A valid bearer token is required' });
  }
  if (principal.status === 'disabled') {
    throw new HttpProblem({ status: 403, code: 'user_disabled', title: 'Forbidden', detail: 'This user is disabled' });
  }
  if (!principal.permissions.has(route.permission)) {
    throw new HttpProblem({
      status: 403,
      code: 'forbidden',
      title: 'Forbidden',
      detail: `This needs the permission ${route.permission}`,
    });
  }
  return principal;
}
