import { permissionsOf } from './roles.ts';
import type { Permission } from './permissions.ts';

export interface Principal {
  userId: string;
  roles: string[];
  permissions: ReadonlySet<Permission>;
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

export function principalFromClaims(claims: Record<string, unknown>): Principal | null {
  const userId = typeof claims.sub === 'string' ? claims.sub : null;
  if (!userId) return null;
  const roles = parseRolesClaim(claims[ROLES_CLAIM]);
  return { userId, roles, permissions: permissionsOf(roles) };
}
