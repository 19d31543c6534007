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
  /** The metric store (GET /v1/analytics): everything with stats:read too, else only the caller's own promoter's figures. */
  'analytics:read',
  /** Reports across events (revenue, velocity, cohorts, top customers with their emails, attribution): organisers (admin, manager) only. */
  'reports:read',
  /** Every promoter's records, plans, links, orders and ledger. */
  'promoters:read',
  /** Create and change promoters, plans and guest lists. */
  'promoters:write',
  /** Approve commission early, pay promoters. */
  'promoters:payout',
  /** A promoter's own routes: the service scopes them to the caller's promoter (and team); organisers see all. */
  'promoters:self',
  /** Sponsor tiers, sponsorships, their benefits and passes. */
  'sponsors:read',
  'sponsors:write',
  /** Every exhibitor, booth and the booth traffic of an event. */
  'exhibitors:read',
  /** Create exhibitors, put booths on sale, name exhibitor staff. */
  'exhibitors:write',
  /** An exhibitor's own routes (scans, leads, booking its booth): scoped to the caller's exhibitor; organisers (exhibitors:write) act for any. */
  'exhibitors:self',
  'campaigns:read',
  'campaigns:write',
  'campaigns:send',
  /** Outbound webhook endpoints, their deliveries and secrets. */
  'webhooks:read',
  'webhooks:manage',
  /** Automation workflows and their runs. */
  'workflows:read',
  'workflows:manage',
  'settings:manage',
  'users:read',
  'users:manage',
  'roles:manage',
  /** Start and follow CSV export jobs (POST /v1/exports); each kind also needs its own read permission. */
  'exports:run',
  /** The audit log: read, verify and export (admins only). */
  'audit:read',
] as const;

export type Permission = (typeof permissions)[number];
