import { describe, expect, it } from 'vitest';
import { parseRolesClaim, principalFromClaims } from '../../packages/auth/principal.ts';
import { builtInRoles } from '../../packages/auth/roles.ts';
import { authorize } from '../../packages/http/middleware/authorize.ts';
import { routes } from '../../packages/api/routes/index.ts';
import { HttpProblem } from '../../packages/http/problem.ts';

const eventWith = (claims?: Record<string, string>) => ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } }) as never;

describe('roles claim', () => {
  it('reads API Gateway\'s flattened "[a b]" form and a real array alike', () => {
    expect(parseRolesClaim('[admin sales]')).toEqual(['admin', 'sales']);
    expect(parseRolesClaim(['scanner'])).toEqual(['scanner']);
    expect(parseRolesClaim(undefined)).toEqual([]);
  });

  it('has no permissions for an unknown role', () => {
    expect(principalFromClaims({ sub: 'u', 'cognito:groups': '[owner]' })?.permissions.size).toBe(0);
  });
});

describe('authorize: every protected route × every built-in role', () => {
  const protectedRoutes = routes.filter((r) => r.permission !== null);

  it.each(Object.entries(builtInRoles))('%s gets exactly the routes its permissions name', (role, granted) => {
    for (const route of protectedRoutes) {
      const attempt = () => authorize(route, eventWith({ sub: 'u1', 'cognito:groups': `[${role}]` }));
      if ((granted as readonly string[]).includes(route.permission!)) expect(attempt).not.toThrow();
      else expect(attempt).toThrowError(expect.objectContaining({ input: expect.objectContaining({ status: 403 }) }));
    }
  });

  it('401 on a protected route without claims; public routes need none', () => {
    for (const route of protectedRoutes) {
      try {
        authorize(route, eventWith());
        expect.unreachable(`${route.operationId} let an anonymous caller in`);
      } catch (error) {
        expect((error as HttpProblem).input.status).toBe(401);
      }
    }
    for (const route of routes.filter((r) => r.permission === null)) expect(authorize(route, eventWith())).toBeNull();
  });

  it('scanner can reach no CRM route, admin every route', () => {
    const scannerCan = protectedRoutes.filter((r) => (builtInRoles.scanner as readonly string[]).includes(r.permission!));
    expect(scannerCan.every((r) => r.permission!.startsWith('checkins:'))).toBe(true);
    expect(protectedRoutes.every((r) => (builtInRoles.admin as readonly string[]).includes(r.permission!))).toBe(true);
  });
});
