import { describe, expect, it } from 'vitest';
import { parseRolesClaim, principalFromClaims, type AccessSource } from '#packages/auth/principal.ts';
import { builtInRoles } from '#packages/auth/roles.ts';
import { authorize } from '#packages/http/middleware/authorize.ts';
import { routes } from '#packages/api/routes/index.ts';
import { HttpProblem } from '#packages/http/problem.ts';

const eventWith = (claims?: Record<string, string>) => ({ requestContext: { authorizer: claims ? { jwt: { claims, scopes: [] } } : undefined } }) as never;

/** No user records and no custom roles: only the built-in roles grant anything. */
const nothingStored: AccessSource = { user: async () => null, customRole: async () => null };

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

  it.each(Object.entries(builtInRoles))('%s gets exactly the routes its permissions name', async (role, granted) => {
    for (const route of protectedRoutes) {
      const attempt = authorize(route, eventWith({ sub: 'u1', 'cognito:groups': `[${role}]` }), nothingStored);
      if ((granted as readonly string[]).includes(route.permission!)) await expect(attempt).resolves.toMatchObject({ userId: 'u1' });
      else await expect(attempt).rejects.toMatchObject({ input: expect.objectContaining({ status: 403, code: 'forbidden' }) });
    }
  });

  it('401 on a protected route without claims; public routes need none', async () => {
    for (const route of protectedRoutes) {
      try {
        await authorize(route, eventWith(), nothingStored);
        expect.unreachable(`${route.operationId} let an anonymous caller in`);
      } catch (error) {
        expect((error as HttpProblem).input.status).toBe(401);
      }
    }
    for (const route of routes.filter((r) => r.permission === null)) expect(await authorize(route, eventWith(), nothingStored)).toBeNull();
  });

  it('scanner can reach no CRM route, admin every route', () => {
    const scannerCan = protectedRoutes.filter((r) => (builtInRoles.scanner as readonly string[]).includes(r.permission!));
    expect(scannerCan.every((r) => r.permission!.startsWith('checkins:'))).toBe(true);
    expect(protectedRoutes.every((r) => (builtInRoles.admin as readonly string[]).includes(r.permission!))).toBe(true);
  });
});
