import type { FilesAccess } from '#packages/core/route.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { catalog, detailTypes, type DetailType } from './catalog.ts';
import { isSesDetailType, sesCatalog, type SesDetailType } from './ses.ts';

export type RoutedDetailType = DetailType | SesDetailType;

/** A row of the routing table, as CDK (rules, grants) and the local bus read it. */
export interface ConsumerRoute {
  /** Stable name: the rule id in CDK, the local bus's label, the log scope. */
  consumer: string;
  /** Entry file under functions/consumers/, without `.ts`; it exports `handler`. */
  handler: string;
  /** Our domain events, or events of AWS services forwarded to the tenant bus (events/ses.ts). */
  detailTypes: RoutedDetailType[];
  /** Delivery retries before the event goes to the dead-letter queue. */
  retryAttempts: number;
  /** Tenant secrets the consumer reads (CDK grants only these). */
  secrets?: readonly TenantSecret[];
  /** Reads the SES account's send quota (ses:GetAccount) to pace its sends. */
  readsSendQuota?: boolean;
  /**
   * The consumer function it deploys in: the consumers of one group share one
   * Lambda, one rule and one dead-letter queue (infra/consumer-layout.ts);
   * without a group, a function of its own.
   */
  group?: string;
  /** Reads or also writes files in the tenant's bucket (CDK grants only that; RouteDefinition.files). */
  files?: FilesAccess;
  /** A longer Lambda timeout than a consumer's 60 s, for one whose work is long by nature (an export job); its group takes the longest. */
  timeoutSeconds?: number;
}

/**
 * A consumer's one declaration: its routing row, plus what the handler's
 * typing and its idempotency markers come from. `detailTypes` keeps its
 * literal types, so `consumerHandler(declaration, …)` hands the handler a
 * union discriminated by `detailType`.
 */
export interface Consumer<T extends RoutedDetailType = RoutedDetailType> extends ConsumerRoute {
  detailTypes: T[];
  /** The `consumer` of its processed-event markers (one spelling, here). */
  idempotencyScope: string;
}

export interface ConsumerDeclaration<T extends RoutedDetailType> {
  name: string;
  /** Entry file under functions/consumers/; the name when omitted. */
  handler?: string;
  detailTypes: T[];
  retryAttempts: number;
  /** The scope of its markers; the name when omitted (set only to keep markers already stored under another spelling). */
  idempotencyScope?: string;
  secrets?: readonly TenantSecret[];
  readsSendQuota?: boolean;
  files?: FilesAccess;
  /** Its feature's consumer group (ConsumerRoute.group). */
  group?: string;
  timeoutSeconds?: number;
}

export function defineConsumer<T extends RoutedDetailType>(d: ConsumerDeclaration<T>): Consumer<T> {
  return {
    consumer: d.name,
    handler: d.handler ?? d.name,
    detailTypes: d.detailTypes,
    retryAttempts: d.retryAttempts,
    idempotencyScope: d.idempotencyScope ?? d.name,
    ...(d.secrets ? { secrets: d.secrets } : {}),
    ...(d.readsSendQuota ? { readsSendQuota: d.readsSendQuota } : {}),
    ...(d.files ? { files: d.files } : {}),
    ...(d.group ? { group: d.group } : {}),
    ...(d.timeoutSeconds ? { timeoutSeconds: d.timeoutSeconds } : {}),
  };
}

/** The `source` events of a detail-type carry on the bus (a rule matches on both). */
export function sourceOf(detailType: RoutedDetailType): string {
  return isSesDetailType(detailType) ? sesCatalog[detailType].source : catalog[detailType].source;
}

/** Every consumer, declared once; each handler file passes its own to `consumerHandler`. */
export const consumers = {
  countPublishedEvents: defineConsumer({
    name: 'count-published-events',
    // Counts beside the other counters: a lone consumer would be a function of its own.
    group: 'stats',
    detailTypes: ['event.published'],
    retryAttempts: 8,
  }),
  sendOrderConfirmation: defineConsumer({
    name: 'send-order-confirmation',
    // The ticket mails (this and the attendee's own) and the session seats: what ticket holders get.
    group: 'attendees',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
    // Its claims (one per order) were stored under this name before the declarations.
    idempotencyScope: 'order-confirmation-email',
    // Signs the attendee-form link the confirmation carries.
    secrets: ['ticketSigningKey'],
  }),
  sessionOfferSeat: defineConsumer({
    name: 'session-offer-seat',
    group: 'attendees',
    detailTypes: ['session.seat_released'],
    retryAttempts: 8,
  }),
  sessionReschedule: defineConsumer({
    name: 'session-reschedule',
    group: 'attendees',
    detailTypes: ['session.rescheduled'],
    retryAttempts: 8,
  }),
  crmConferenceActivity: defineConsumer({
    name: 'crm-conference-activity',
    group: 'crm',
    detailTypes: ['session.checked_in', 'feedback.submitted'],
    retryAttempts: 8,
  }),
  mailAttendeeTicket: defineConsumer({
    name: 'mail-attendee-ticket',
    group: 'attendees',
    detailTypes: ['attendee.assigned'],
    retryAttempts: 8,
  }),
  mailSpeakerInvitation: defineConsumer({
    name: 'mail-speaker-invitation',
    group: 'attendees',
    detailTypes: ['speaker.invited'],
    retryAttempts: 8,
    // The claims written when the invitation was mailed from the request keep counting.
    idempotencyScope: 'speaker-invitation',
    secrets: ['ticketSigningKey'],
  }),
  announcementSend: defineConsumer({
    name: 'announcement-send',
    group: 'attendees',
    detailTypes: ['announcement.requested'],
    retryAttempts: 8,
  }),
  crmRecordPurchase: defineConsumer({
    name: 'crm-record-purchase',
    group: 'crm',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
  }),
  recordCheckIn: defineConsumer({
    name: 'record-check-in',
    group: 'stats',
    detailTypes: ['ticket.checked_in', 'ticket.checked_out'],
    retryAttempts: 8,
  }),
  countAttendance: defineConsumer({
    name: 'count-attendance',
    group: 'stats',
    detailTypes: ['ticket.checked_in', 'ticket.checked_out'],
    retryAttempts: 8,
  }),
  countSales: defineConsumer({
    name: 'count-sales',
    group: 'stats',
    detailTypes: ['order.paid', 'order.refunded'],
    retryAttempts: 8,
  }),
  crmRecordAttendance: defineConsumer({
    name: 'crm-record-attendance',
    group: 'crm',
    detailTypes: ['ticket.checked_in'],
    retryAttempts: 8,
  }),
  crmTimelineRefund: defineConsumer({
    name: 'crm-timeline-refund',
    group: 'crm',
    detailTypes: ['order.refunded'],
    retryAttempts: 8,
  }),
  crmTimelinePurge: defineConsumer({
    name: 'crm-timeline-purge',
    group: 'crm',
    detailTypes: ['contact.deleted'],
    retryAttempts: 8,
  }),
  segmentsRefreshContact: defineConsumer({
    name: 'segments-refresh-contact',
    group: 'marketing',
    detailTypes: ['contact.created', 'contact.updated', 'contact.deleted'],
    retryAttempts: 8,
  }),
  segmentsBuild: defineConsumer({
    name: 'segments-build',
    group: 'marketing',
    detailTypes: ['segment.build_requested'],
    retryAttempts: 8,
  }),
  segmentsPurge: defineConsumer({
    name: 'segments-purge',
    group: 'marketing',
    detailTypes: ['segment.deleted', 'segment.purge_requested'],
    retryAttempts: 8,
  }),
  crmRescoreLeads: defineConsumer({
    name: 'crm-rescore-leads',
    group: 'crm',
    detailTypes: ['contact.updated', 'company.updated', 'lead_scoring_rules.changed'],
    retryAttempts: 8,
  }),
  // SES events of the configuration set, forwarded from the default bus (infra/tenant-stack.ts).
  campaignTrack: defineConsumer({
    name: 'campaign-track',
    group: 'marketing',
    detailTypes: ['Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced', 'Email Complaint Received'],
    retryAttempts: 8,
  }),
  campaignAttribution: defineConsumer({
    name: 'campaign-attribution',
    group: 'marketing',
    detailTypes: ['order.paid', 'order.refunded'],
    retryAttempts: 8,
    secrets: ['marketingTokenKey'],
  }),
  // Campaign mail: resolves the audience, then claims and sends chunk by chunk (its own continuation events).
  importsRun: defineConsumer({
    name: 'imports-run',
    detailTypes: ['import.chunk'],
    retryAttempts: 8,
    group: 'crm',
    secrets: ['marketingTokenKey'],
  }),
  // Data-subject access requests: builds the bundle into the bucket (exports/<id>/) and marks the request ready.
  dataExportBuild: defineConsumer({
    name: 'data-export-build',
    detailTypes: ['contact.data_export_requested'],
    retryAttempts: 8,
    group: 'crm',
    files: 'write',
  }),
  // CSV export jobs: streams a kind's rows into the bucket (exports/<id>/), under a lease, progress as it goes.
  exportsRun: defineConsumer({
    name: 'exports-run',
    detailTypes: ['export.requested'],
    retryAttempts: 8,
    group: 'crm',
    files: 'write',
    // 100,000 contacts are 1,000 pages read one after the other: minutes, not the consumers' 60 s.
    timeoutSeconds: 600,
  }),
  campaignSend: defineConsumer({
    name: 'campaign-send',
    group: 'marketing',
    detailTypes: ['campaign.send_requested', 'campaign.send_chunk'],
    retryAttempts: 8,
    secrets: ['marketingTokenKey'],
    readsSendQuota: true,
  }),
  // A canceled event's job: cancels pending orders, refunds and emails paid ones, chunk by chunk (its own continuation events).
  eventCancellation: defineConsumer({
    name: 'event-cancellation',
    group: 'events',
    detailTypes: ['event.canceled', 'event.cancellation_chunk'],
    retryAttempts: 8,
    secrets: ['stripe'],
  }),
  // Promoters' commission ledger (sale lines, proportional negative lines on refunds, per-check-in lines, a settled
  // table's `table` rules: one line per order or booking, rule and cause), and guests into the CRM (lead source: their promoter; timeline lines). One function for
  // both: the tenant's 40-function budget (test/infra).
  promoterLedger: defineConsumer({
    name: 'promoter-ledger',
    group: 'nightlife',
    detailTypes: ['order.paid', 'order.refunded', 'ticket.checked_in', 'guest.added', 'guest.checked_in', 'table.settled'],
    retryAttempts: 8,
  }),
  // VIP table bookers into the CRM: a contact (lead source `table_booking`) and timeline lines for table.booked and
  // table.settled. In the nightlife function (the tenant's function budget).
  tableCrm: defineConsumer({
    name: 'table-crm',
    group: 'nightlife',
    detailTypes: ['table.booked', 'table.settled'],
    retryAttempts: 8,
  }),
  // An order paid for an event already canceled (a late payment): refunded and emailed like the job's.
  eventCancellationLateOrders: defineConsumer({
    name: 'event-cancellation-late-orders',
    group: 'events',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
    secrets: ['stripe'],
  }),
  // Analytics: domain events and campaign mail's SES events into the metric store (packages/features/analytics).
  // In the stats function with the live counters: the tenant's 40-function budget is full.
  analyticsMetrics: defineConsumer({
    name: 'analytics-metrics',
    group: 'stats',
    detailTypes: ['order.paid', 'order.refunded', 'ticket.checked_in', 'visit.recorded', 'contact.created'],
    retryAttempts: 8,
  }),
  analyticsSesMetrics: defineConsumer({
    name: 'analytics-ses-metrics',
    group: 'stats',
    detailTypes: ['Email Delivered', 'Email Opened', 'Email Clicked'],
    retryAttempts: 8,
  }),
  // Outbound webhooks: one message per endpoint wanting the event, first attempt at once (retries: the due job).
  webhooksFanOut: defineConsumer({
    name: 'webhooks-fan-out',
    group: 'integrations',
    detailTypes: [...detailTypes],
    retryAttempts: 8,
  }),
  // Workflows: starts the runs an event triggers, ends waiting runs whose goal it meets.
  workflowsTrigger: defineConsumer({
    name: 'workflows-trigger',
    group: 'integrations',
    detailTypes: [...detailTypes],
    retryAttempts: 8,
  }),
  // Lifetime value: the buyer's purchase summary (first/last purchase, count, spend, events) the nightly fit reads.
  ltvRecordPurchase: defineConsumer({
    name: 'ltv-record-purchase',
    group: 'crm',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
  }),
};

/** Which consumer gets which detail-type; read by CDK (rules) and the local bus alike. */
export const routing: Consumer[] = Object.values(consumers);
