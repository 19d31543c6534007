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
  /** Hard delete and emptying the trash: beyond everyday editing. */
  'contacts:delete',
  /** Erasure of a person (GDPR art. 17): irreversible, so apart from deleting. */
  'contacts:erase',
  'companies:read',
  'companies:write',
  'leads:read',
  'leads:write',
  /** Pipelines, opportunities and the forecast. */
  'opportunities:read',
  'opportunities:write',
  /** Interactions, tasks and notes. */
  'activities:read',
  'activities:write',
  'segments:read',
  'segments:write',
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
  'users:read',
  'users:manage',
  'roles:manage',
] as const;

export type Permission = (typeof permissions)[number];
