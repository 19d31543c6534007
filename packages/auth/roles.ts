import { permissions, type Permission } from './permissions.ts';

/** The built-in roles of shared/README.md §2. */
export const builtInRoles = {
  admin: [...permissions],
  manager: permissions.filter((p) => p !== 'settings:manage' && p !== 'users:manage' && p !== 'roles:manage'),
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
  promoter: ['stats:read'],
} as const satisfies Record<string, readonly Permission[]>;

export type BuiltInRole = keyof typeof builtInRoles;

export const builtInRoleNames = Object.keys(builtInRoles) as BuiltInRole[];

export function isBuiltInRole(role: string): role is BuiltInRole {
  return Object.hasOwn(builtInRoles, role);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) {
    if (isBuiltInRole(role)) for (const p of builtInRoles[role]) granted.add(p);
  }
  return granted;
}
