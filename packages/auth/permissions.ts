/**
 * Permissions are `resource:action` strings (shared/README.md §2). The route
 * table names one per protected route; roles are sets of them.
 */
export const permissions = [
  'venues:read',
  'venues:write',
  'events:read',
  'events:write',
  'events:publish',
  'contacts:read',
  'contacts:write',
  'orders:read',
  'orders:write',
  'orders:refund',
  'checkins:read',
  'checkins:write',
  'stats:read',
  'campaigns:read',
  'campaigns:write',
  'campaigns:send',
  'settings:manage',
  'users:manage',
] as const;

export type Permission = (typeof permissions)[number];
