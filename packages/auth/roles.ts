import { permissions, type Permission } from './permissions.ts';

/** The built-in roles of shared/README.md §2. */
export const builtInRoles = {
  admin: [...permissions],
  // An endpoint receives every event it names (buyers' emails, orders): only an admin points one somewhere.
  manager: permissions.filter((p) => p !== 'settings:manage' && p !== 'users:manage' && p !== 'roles:manage' && p !== 'webhooks:manage' && p !== 'audit:read'),
  sales: [
    'venues:read',
    'events:read',
    'contacts:read',
    'contacts:write',
    'companies:read',
    'companies:write',
    'leads:read',
    'leads:write',
    'opportunities:read',
    'opportunities:write',
    'activities:read',
    'activities:write',
    'segments:read',
    'orders:read',
    'users:read',
    'sponsors:read',
    'sponsors:write',
    'exhibitors:read',
  ],
  marketing: [
    'venues:read',
    'events:read',
    'contacts:read',
    'contacts:write',
    'companies:read',
    'leads:read',
    'leads:write',
    'activities:read',
    'activities:write',
    'segments:read',
    'segments:write',
    'campaigns:read',
    'campaigns:write',
    'campaigns:send',
    'stats:read',
    'analytics:read',
    'workflows:read',
    'workflows:manage',
  ],
  box_office: [
    'venues:read',
    'events:read',
    'contacts:read',
    'contacts:write',
    'activities:read',
    'activities:write',
    'orders:read',
    'orders:write',
    'orders:refund',
    'checkins:read',
    'checkins:write',
  ],
  scanner: ['checkins:read', 'checkins:write'],
  // Never stats:read: a promoter sees only its own figures (GET /v1/promoters/{id}/figures), not the event's totals.
  promoter: ['promoters:self', 'analytics:read'],
  // Scans badges at, and reads the leads of, only the exhibitors it is staff of (exhibitor-staff items).
  exhibitor_staff: ['exhibitors:self'],
} as const satisfies Record<string, readonly Permission[]>;

export type BuiltInRole = keyof typeof builtInRoles;

export const builtInRoleNames = Object.keys(builtInRoles) as BuiltInRole[];

/**
 * Seniority of each built-in role, 1–100 like a custom role's `level`. A
 * caller may create, edit or assign only roles at or below their own highest
 * level (packages/auth/escalation.ts), so a level-60 "door manager" role can
 * never mint a level-80 one even with the right permissions.
 */
export const builtInRoleLevels: Record<BuiltInRole, number> = {
  admin: 100,
  manager: 80,
  sales: 50,
  marketing: 50,
  box_office: 40,
  promoter: 20,
  exhibitor_staff: 15,
  scanner: 10,
};

export function isBuiltInRole(role: string): role is BuiltInRole {
  return Object.hasOwn(builtInRoles, role);
}

/** What holding a role gives: its permissions and its level. Built-in and custom roles alike. */
export interface RoleGrant {
  name: string;
  permissions: readonly Permission[];
  level: number;
}

export function builtInGrant(role: BuiltInRole): RoleGrant {
  return { name: role, permissions: builtInRoles[role], level: builtInRoleLevels[role] };
}

/** The union of the grants' permissions and their highest level (0 for no role at all). */
export function combineGrants(grants: readonly RoleGrant[]): { permissions: Set<Permission>; level: number } {
  const granted = new Set<Permission>();
  let level = 0;
  for (const grant of grants) {
    for (const p of grant.permissions) granted.add(p);
    level = Math.max(level, grant.level);
  }
  return { permissions: granted, level };
}

/** Permissions of built-in role names; other names grant nothing here (custom roles need a lookup: principal.ts). */
export function permissionsOf(roles: readonly string[]): Set<Permission> {
  return combineGrants(roles.filter(isBuiltInRole).map(builtInGrant)).permissions;
}
