import type { Permission } from './permissions.ts';

/** What a caller holds, and what they try to hand out (a role to create, edit or assign). */
export interface Grantor {
  permissions: ReadonlySet<Permission>;
  level: number;
}

export interface Grant {
  permissions: readonly Permission[];
  level: number;
}

export interface Escalation {
  /** Permissions in the grant that the caller does not hold. */
  permissions: Permission[];
  /** Set when the grant's level is above the caller's highest role level. */
  level?: { requested: number; allowed: number };
}

/**
 * Nobody can grant a permission they do not hold, nor a role more senior than
 * their own: returns what would escalate, or null when the grant is within
 * the caller's reach.
 */
export function escalationOf(grantor: Grantor, grant: Grant): Escalation | null {
  const missing = [...new Set(grant.permissions)].filter((p) => !grantor.permissions.has(p));
  const levelTooHigh = grant.level > grantor.level;
  if (!missing.length && !levelTooHigh) return null;
  return { permissions: missing, ...(levelTooHigh && { level: { requested: grant.level, allowed: grantor.level } }) };
}
