import { describe, expect, it, vi } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { escalationOf } from '#packages/auth/escalation.ts';
import { resolvePrincipal, type AccessSource } from '#packages/auth/principal.ts';
import { builtInRoleLevels, builtInRoleNames, builtInRoles, type RoleGrant } from '#packages/auth/roles.ts';
import { grantCheckFor } from '#packages/http/grant-check.ts';
import { authorize } from '#packages/http/middleware/authorize.ts';
import { HttpProblem } from '#packages/http/problem.ts';

const doorLead: RoleGrant = { name: 'door_lead', permissions: ['checkins:read', 'checkins:write', 'stats:read'], level: 30 };

/** An in-memory AccessSource: custom roles by name and id, user records by id. */
function source(options: { roles?: Record<string, RoleGrant>; users?: Record<string, { roleId: string; status: 'active' | 'disabled' }> } = {}) {
  const roles = options.roles ?? {};
  const byName = Object.fromEntries(Object.values(roles).map((r) => [r.name, r]));
  const stored: AccessSource = {
    user: vi.fn(async (id: string) => options.users?.[id] ?? null),
    customRole: vi.fn(async (ref: { name: string } | { id: string }) => ('name' in ref ? byName[ref.name] : roles[ref.id]) ?? null),
  };
  return stored;
}

const claims = (sub: string, groups: string) => ({ sub, 'cognito:groups': groups });
const route = (operationId: string) => routes.find((r) => r.operationId === operationId)!;
const eventWith = (c: Record<string, string>) => ({ requestContext: { authorizer: { jwt: { claims: c, scopes: [] } } } }) as never;

describe('role permission resolution', () => {
  it('a custom role named in the groups claim grants its stored permissions and level', async () => {
    const stored = source({ roles: { R1: doorLead } });
    const principal = await resolvePrincipal(claims('u1', '[door_lead]'), stored);
    expect([...principal!.permissions].sort()).toEqual(['checkins:read', 'checkins:write', 'stats:read']);
    expect(principal).toMatchObject({ userId: 'u1', roles: ['door_lead'], level: 30, status: 'active' });
    expect(stored.customRole).toHaveBeenCalledWith({ name: 'door_lead' });
  });

  it('built-in roles need no lookup; several roles add up, the level is the highest', async () => {
    const stored = source({ roles: { R1: doorLead } });
    const principal = await resolvePrincipal(claims('u1', '[promoter door_lead scanner]'), stored);
    expect(principal!.level).toBe(30);
    expect(principal!.permissions.has('stats:read')).toBe(true);
    expect(stored.customRole).toHaveBeenCalledTimes(1);
    const admin = await resolvePrincipal(claims('u2', '[admin]'), stored);
    expect(admin!.level).toBe(100);
  });

  it('an unknown role name grants nothing', async () => {
    const principal = await resolvePrincipal(claims('u1', '[owner]'), source());
    expect(principal).toMatchObject({ roles: ['owner'], level: 0 });
    expect(principal!.permissions.size).toBe(0);
  });

  it("a user record overrides the claim: its role (by id) and its status", async () => {
    const stored = source({ roles: { R1: doorLead }, users: { u1: { roleId: 'R1', status: 'active' }, u2: { roleId: 'admin', status: 'disabled' } } });
    const u1 = await resolvePrincipal(claims('u1', '[admin]'), stored);
    expect(u1).toMatchObject({ roles: ['door_lead'], level: 30 });
    expect(u1!.permissions.has('users:manage')).toBe(false);
    expect(stored.customRole).toHaveBeenCalledWith({ id: 'R1' });
    expect(await resolvePrincipal(claims('u2', '[admin]'), stored)).toMatchObject({ status: 'disabled' });
  });

  it('authorize: custom roles pass the same permission check; a disabled user is 403 user_disabled', async () => {
    const stored = source({ roles: { R1: doorLead }, users: { gone: { roleId: 'admin', status: 'disabled' } } });
    await expect(authorize(route('getEventStats'), eventWith(claims('u1', '[door_lead]')), stored)).resolves.toMatchObject({ userId: 'u1' });
    await expect(authorize(route('listContacts'), eventWith(claims('u1', '[door_lead]')), stored)).rejects.toMatchObject({
      input: expect.objectContaining({ status: 403, code: 'forbidden' }),
    });
    await expect(authorize(route('listContacts'), eventWith(claims('gone', '[admin]')), stored)).rejects.toMatchObject({
      input: expect.objectContaining({ status: 403, code: 'user_disabled' }),
    });
  });

  it('public routes make no lookups', async () => {
    const stored = source();
    const publicRoute = routes.find((r) => r.permission === null)!;
    await authorize(publicRoute, eventWith(claims('u1', '[door_lead]')), stored);
    expect(stored.user).not.toHaveBeenCalled();
    expect(stored.customRole).not.toHaveBeenCalled();
  });
});

describe('escalation checks', () => {
  const manager = { permissions: new Set(builtInRoles.manager), level: builtInRoleLevels.manager };

  it('names every permission the caller does not hold', () => {
    expect(escalationOf(manager, { permissions: ['contacts:read', 'users:manage', 'roles:manage', 'users:manage'], level: 10 })).toEqual({
      permissions: ['users:manage', 'roles:manage'],
    });
  });

  it('refuses a level above the caller’s, allows an equal one', () => {
    expect(escalationOf(manager, { permissions: ['contacts:read'], level: 81 })).toEqual({ permissions: [], level: { requested: 81, allowed: 80 } });
    expect(escalationOf(manager, { permissions: ['contacts:read'], level: 80 })).toBeNull();
  });

  it('built-in levels order the roles, and each role can grant itself but not a role above it', () => {
    expect(builtInRoleLevels.admin).toBe(100);
    expect(builtInRoleLevels.scanner).toBe(10);
    for (const name of builtInRoleNames) {
      const self = { permissions: new Set(builtInRoles[name]), level: builtInRoleLevels[name] };
      expect(escalationOf(self, { permissions: builtInRoles[name], level: builtInRoleLevels[name] })).toBeNull();
      expect(escalationOf(self, { permissions: builtInRoles.admin, level: 100 }) === null).toBe(name === 'admin');
    }
  });

  it('grantCheckFor: 403 permission_escalation listing the offending permissions', () => {
    const check = grantCheckFor({ userId: 'u', roles: ['manager'], status: 'active', ...manager });
    expect(() => check({ name: 'x', permissions: ['contacts:read'], level: 10 })).not.toThrow();
    try {
      check({ name: 'x', permissions: ['users:manage'], level: 90 });
      expect.unreachable();
    } catch (error) {
      expect((error as HttpProblem).input).toMatchObject({
        status: 403,
        code: 'permission_escalation',
        extra: { permissions: ['users:manage'], level: { requested: 90, allowed: 80 } },
      });
    }
  });
});
