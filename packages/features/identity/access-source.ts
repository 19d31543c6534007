import type { AccessSource } from '#packages/auth/principal.ts';
import { permissions as knownPermissions, type Permission } from '#packages/auth/permissions.ts';
import type { RoleGrant } from '#packages/auth/roles.ts';
import { tableName } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { ttlCache } from '#packages/core/cache/ttl-cache.ts';

/**
 * How long a Lambda instance trusts what it read about a user or a custom
 * role. This is the revocation delay: a disable, a role change or a role's
 * new permissions reach every warm instance within this time. (The local
 * runner forgets entries at once on a change, being one process.)
 */
export const ACCESS_CACHE_MS = 30_000;

const known = new Set<Permission>(knownPermissions);

type UserAccess = Awaited<ReturnType<AccessSource['user']>>;

const users = ttlCache<UserAccess>(ACCESS_CACHE_MS);
const roles = ttlCache<RoleGrant | null>(ACCESS_CACHE_MS);

// Keyed by table too: one process may serve several tables (tests).
const userKey = (userId: string) => `${tableName()}|${userId}`;
const roleKey = (ref: { name: string } | { id: string }) =>
  `${tableName()}|${'name' in ref ? `name:${ref.name}` : `id:${ref.id}`}`;

async function loadUser(userId: string): Promise<UserAccess> {
  const { data } = await db().entities.user.get({ userId }).go({ attributes: ['roleId', 'status'] });
  return data ? { roleId: data.roleId, status: data.status } : null;
}

async function loadRole(ref: { name: string } | { id: string }): Promise<RoleGrant | null> {
  let roleId: string;
  if ('name' in ref) {
    const { data } = await db().entities.roleName.get({ name: ref.name }).go();
    if (!data) return null;
    roleId = data.roleId;
  } else {
    roleId = ref.id;
  }
  const { data } = await db().entities.role.get({ roleId }).go();
  // A permission retired from the code since the role was saved grants nothing.
  const permissions = data?.permissions.filter((p): p is Permission => known.has(p as Permission));
  return data ? { name: data.name, permissions: permissions!, level: data.level } : null;
}

/** The AccessSource the authorize middleware uses: GetItems on keys, cached per process. */
export const cachedAccessSource: AccessSource = {
  user: (userId) => users.get(userKey(userId), () => loadUser(userId)),
  customRole: (ref) => roles.get(roleKey(ref), () => loadRole(ref)),
};

/** Called by the users service after a change, so this process sees it at once. */
export function forgetUserAccess(userId: string): void {
  users.forget(userKey(userId));
}

/** Called by the roles service after a change (both keys a role is found by). */
export function forgetRoleAccess(role: { roleId: string; name: string }): void {
  roles.forget(roleKey({ id: role.roleId }));
  roles.forget(roleKey({ name: role.name }));
}

/** Tests only. */
export function clearAccessCache(): void {
  users.clear();
  roles.clear();
}
