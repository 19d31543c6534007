import type { TenantSecret } from '../packages/core/tenant-secrets.ts';
import { catalog, type DetailType } from './catalog.ts';
import { isSesDetailType, sesCatalog, type SesDetailType } from './ses.ts';

export interface ConsumerRoute {
  /** Stable name: the rule id in CDK, the idempotency scope, the local bus's label. */
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
}

export type RoutedDetailType = DetailType | SesDetailType;

/** The `source` events of a detail-type carry on the bus (a rule matches on both). */
export function sourceOf(detailType: RoutedDetailType): string {
  return isSesDetailType(detailType) ? sesCatalog[detailType].source : catalog[detailType].source;
}

/** Which consumer gets which detail-type; read by CDK (rules) and the local bus alike. */
export const routing: ConsumerRoute[] = [
  {
    consumer: 'count-published-events',
    handler: 'count-published-events',
    detailTypes: ['event.published'],
    retryAttempts: 8,
  },
  {
    consumer: 'send-order-confirmation',
    handler: 'send-order-confirmation',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
  },
  {
    consumer: 'crm-record-purchase',
    handler: 'crm-record-purchase',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
  },
  {
    consumer: 'record-check-in',
    handler: 'record-check-in',
    detailTypes: ['ticket.checked_in', 'ticket.checked_out'],
    retryAttempts: 8,
  },
  {
    consumer: 'count-attendance',
    handler: 'count-attendance',
    detailTypes: ['ticket.checked_in', 'ticket.checked_out'],
    retryAttempts: 8,
  },
  {
    consumer: 'count-sales',
    handler: 'count-sales',
    detailTypes: ['order.paid', 'order.refunded'],
    retryAttempts: 8,
  },
  {
    consumer: 'crm-record-attendance',
    handler: 'crm-record-attendance',
    detailTypes: ['ticket.checked_in'],
    retryAttempts: 8,
  },
  {
    consumer: 'crm-timeline-refund',
    handler: 'crm-timeline-refund',
    detailTypes: ['order.refunded'],
    retryAttempts: 8,
  },
  {
    consumer: 'crm-timeline-purge',
    handler: 'crm-timeline-purge',
    detailTypes: ['contact.deleted'],
    retryAttempts: 8,
  },
  {
    consumer: 'segments-refresh-contact',
    handler: 'segments-refresh-contact',
    detailTypes: ['contact.created', 'contact.updated', 'contact.deleted'],
    retryAttempts: 8,
  },
  {
    consumer: 'segments-build',
    handler: 'segments-build',
    detailTypes: ['segment.build_requested'],
    retryAttempts: 8,
  },
  {
    consumer: 'segments-purge',
    handler: 'segments-purge',
    detailTypes: ['segment.deleted', 'segment.purge_requested'],
    retryAttempts: 8,
  },
  {
    consumer: 'crm-rescore-leads',
    handler: 'crm-rescore-leads',
    detailTypes: ['contact.updated', 'company.updated', 'lead_scoring_rules.changed'],
    retryAttempts: 8,
  },
  {
    // SES events of the configuration set, forwarded from the default bus (infra/tenant-stack.ts).
    consumer: 'campaign-track',
    handler: 'campaign-track',
    detailTypes: ['Email Delivered', 'Email Opened', 'Email Clicked', 'Email Bounced', 'Email Complaint Received'],
    retryAttempts: 8,
  },
  {
    consumer: 'campaign-attribution',
    handler: 'campaign-attribution',
    detailTypes: ['order.paid', 'order.refunded'],
    retryAttempts: 8,
    secrets: ['marketingTokenKey'],
  },
  {
    // Campaign mail: resolves the audience, then claims and sends chunk by chunk (its own continuation events).
    consumer: 'campaign-send',
    handler: 'campaign-send',
    detailTypes: ['campaign.send_requested', 'campaign.send_chunk'],
    retryAttempts: 8,
    secrets: ['marketingTokenKey'],
    readsSendQuota: true,
  },
  {
    // A canceled event's job: cancels pending orders, refunds and emails paid ones, chunk by chunk (its own continuation events).
    consumer: 'event-cancellation',
    handler: 'event-cancellation',
    detailTypes: ['event.canceled', 'event.cancellation_chunk'],
    retryAttempts: 8,
    secrets: ['stripe'],
  },
  {
    // An order paid for an event already canceled (a late payment): refunded and emailed like the job's.
    consumer: 'event-cancellation-late-orders',
    handler: 'event-cancellation-late-orders',
    detailTypes: ['order.paid'],
    retryAttempts: 8,
    secrets: ['stripe'],
  },
];
