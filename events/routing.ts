import type { TenantSecret } from '../packages/core/tenant-secrets.ts';
import type { DetailType } from './catalog.ts';

export interface ConsumerRoute {
  /** Stable name: the rule id in CDK, the idempotency scope, the local bus's label. */
  consumer: string;
  /** Entry file under functions/consumers/, without `.ts`; it exports `handler`. */
  handler: string;
  detailTypes: DetailType[];
  /** Delivery retries before the event goes to the dead-letter queue. */
  retryAttempts: number;
  /** Tenant secrets the consumer reads (CDK grants only these). */
  secrets?: readonly TenantSecret[];
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
];
