import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteDefinition } from '../../api/route.ts';
import { principalFromClaims, type Principal } from '../../auth/principal.ts';
import { HttpProblem } from '../problem.ts';

type EventWithClaims = Pick<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'>;

/**
 * The JWT was verified before the handler runs (API Gateway's authorizer when
 * deployed, the local server locally); here we only read its claims and apply
 * the route's permission. Missing claims on a protected route are a 401 still,
 * so a misconfigured route can never open up.
 */
export function authorize(route: RouteDefinition, event: EventWithClaims): Principal | null {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  const principal = claims ? principalFromClaims(claims) : null;
  if (route.permission === null) return principal;
  if (!principal) {
    throw new HttpProblem({ status: 401, code: 'unauthorized', title: 'Unauthorized', detail: 'A valid bearer token is required' });
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
