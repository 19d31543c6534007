import type { Permission } from './permissions.ts';
import { builtInGrant, combineGrants, isBuiltInRole, permissionsOf, type RoleGrant } from './roles.ts';

export interface Principal {
  userId: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
  /** The highest level among the roles (0 without a known role): the ceiling for roles this caller may grant. */
  level: number;
  /** `disabled` only when a user record says so; callers without a record are `active`. */
  status: 'active' | 'disabled';
}

/** The Cognito groups claim; the local runner issues the same claim. */
export const ROLES_CLAIM = 'cognito:groups';

/**
 * API Gateway's JWT authorizer hands array claims to Lambda as one string,
 * "[admin sales]"; tokens read directly carry a real array. Accept both.
 */
export function parseRolesClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

const subjectOf = (claims: Record<string, unknown>): string | null => (typeof claims.sub === 'string' && claims.sub ? claims.sub : null);

/**
 * The caller as far as the token alone tells: built-in roles only, no
 * lookups. Enough to know who is calling (idempotency scopes, public routes);
 * authorization of protected routes uses `resolvePrincipal`.
 */
export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const userId = subjectOf(claims);
  if (!userId) return null;
  const roles = parseRolesClaim(claims[ROLES_CLAIM]);
  const grants = roles.filter(isBuiltInRole).map(builtInGrant);
  return { userId, roles, permissions: permissionsOf(roles), level: combineGrants(grants).level, status: 'active' };
}

/** Where custom roles and user records are read from (cached by the implementation). */
export interface AccessSource {
  /** The EventOS user whose id is the token's `sub`, or null when there is none. */
  user(userId: string): Promise<{ roleId: string; status: 'active' | 'disabled' } | null>;
  /** A custom role by name (from the groups claim) or by id (from a user record). */
  customRole(ref: { name: string } | { id: string }): Promise<RoleGrant | null>;
}

async function grantOf(roleRef: { name: string } | { id: string }, source: AccessSource): Promise<RoleGrant | null> {
  const key = 'name' in roleRef ? roleRef.name : roleRef.id;
  if (isBuiltInRole(key)) return builtInGrant(key);
  return source.customRole(roleRef);
}

/**
 * The caller with everything their roles grant, built-in and custom alike.
 *
 * When an EventOS user record exists for the token's `sub`, the record is the
 * truth: its status (disabled → no access) and its role, so a demotion or a
 * disable takes effect within the lookup cache's lifetime instead of at the
 * next token refresh. Tokens whose `sub` has no record (the tenant's first
 * admin created in the Cognito console, local dev tokens, tests) are
 * authorized by the groups claim, where a custom role name grants the
 * permissions stored for it. An unknown role name grants nothing.
 */
export async function resolvePrincipal(claims: Record<string, unknown>, source: AccessSource): Promise<Principal | null> {
  const userId = subjectOf(claims);
  if (!userId) return null;
  const user = await source.user(userId);
  const claimed = parseRolesClaim(claims[ROLES_CLAIM]);
  const refs = user ? [{ id: user.roleId }] : claimed.map((name) => ({ name }));
  const grants = (await Promise.all(refs.map((ref) => grantOf(ref, source)))).filter((g): g is RoleGrant => g !== null);
  const { permissions, level } = combineGrants(grants);
  return {
    userId,
    roles: user ? grants.map((g) => g.name) : claimed,
    permissions,
    level,
    status: user?.status ?? 'active',
  };
}
