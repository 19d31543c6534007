import type { FilesAccess } from '#packages/core/route.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';

export interface Schedule {
  /** Stable name: the EventBridge schedule id in CDK and the local scheduler's label. */
  name: string;
  /** Entry file under functions/jobs/, without `.ts`; it exports `handler`. */
  handler: string;
  rateMinutes: number;
  /**
   * The job function it runs in (infra/job-layout.ts): jobs of one group share
   * one Lambda, each keeping its own EventBridge rule, which names the job in
   * its input. Without one it gets a function of its own. A group's IAM is the
   * union of its jobs' needs, so a job naming a secret stays in a group of jobs
   * naming the same secret (or alone). Groups today: `sweeps` (every 1–5 min),
   * `integrations` (the webhook and workflow sweeps: they alone may schedule
   * wake-ups, and workflows' code is heavy), `hourly` (hourly and daily jobs; a
   * nightly job joins it: `group: 'hourly'`).
   */
  group?: string;
  /** Reads or also writes files in the tenant's bucket (RouteDefinition.files). */
  files?: FilesAccess;
  /** Tenant secrets the job reads (CDK grants only these; jobHandler loads them for the run). */
  secrets?: readonly TenantSecret[];
  /**
   * The local runner's period, when it should run more often than EventBridge
   * schedules can (1 minute at least): webhook retries due after 5 s.
   */
  localRateSeconds?: number;
}

/**
 * Periodic jobs; CDK makes an EventBridge schedule for each (targeting its
 * group's function), the local runner a timer. Adding one: a row here with its
 * `group`, and its file under functions/jobs/ (`jobHandler`).
 */
export const schedules: Schedule[] = [
  // Publishes domain events whose immediate put after commit failed.
  { name: 'outbox-relay', handler: 'outbox-relay', group: 'sweeps', rateMinutes: 1 },
  // Releases the seats of unpaid orders whose hold ran out: availability is at most one period stale.
  { name: 'expire-holds', handler: 'expire-holds', group: 'sweeps', rateMinutes: 1 },
  // Starts scheduled campaigns whose time came, and pushes sends that stalled (a lost chunk, leased claims).
  { name: 'campaign-due', handler: 'campaign-due', group: 'sweeps', rateMinutes: 1 },
  // Pushes event cancellations that stalled or whose retry time came (Stripe/SES unavailable, leased email claims).
  { name: 'event-cancellations-due', handler: 'event-cancellations-due', group: 'sweeps', rateMinutes: 1 },
  // Webhook retries whose time came, and first attempts a fan-out did not finish (a crash: the lease ran out).
  { name: 'webhook-deliveries-due', handler: 'webhook-deliveries-due', group: 'integrations', rateMinutes: 1, localRateSeconds: 5 },
  // Workflow runs whose wait is over, and runs a crashed worker left (lease out); waits fire within this period.
  { name: 'workflow-runs-due', handler: 'workflow-runs-due', group: 'integrations', rateMinutes: 1, localRateSeconds: 5 },
  // Approves promoters' commission lines whose hold (event end + the plan's hold days) is over.
  { name: 'promoter-commission-approval', handler: 'promoter-commission-approval', group: 'hourly', rateMinutes: 60 },
  // VIP table bookings still approved/deposit_paid past their arrival cut-off become no-shows (deposit kept once, table released).
  { name: 'table-no-shows', handler: 'table-no-shows', group: 'sweeps', rateMinutes: 5 },
  // Session seats offered from a waitlist and not taken in time go to the next in line.
  { name: 'expire-session-offers', handler: 'expire-session-offers', group: 'sweeps', rateMinutes: 1 },
  // Scheduled announcements whose time came are sent (`announcement.requested`): at most one period late.
  { name: 'announcements-due', handler: 'announcements-due', group: 'sweeps', rateMinutes: 1 },
  // Sponsor benefits still undelivered past their due date: one follow-up task each for the benefit's owner.
  { name: 'sponsor-benefits-due', handler: 'sponsor-benefits-due', group: 'hourly', rateMinutes: 60 },
  // Seals each finished day of the audit log: the keyed chain over its items, linked to the day before (issue 17).
  { name: 'audit-seal', handler: 'audit-seal', rateMinutes: 60, secrets: ['ticketSigningKey'] },
  // Fits the predicted lifetime value (BG/BB, BG/NBD, Gamma-Gamma or RFM) and writes it on every buyer's contact (issue 19).
  { name: 'lifetime-value', handler: 'lifetime-value', rateMinutes: 1440 },
];
