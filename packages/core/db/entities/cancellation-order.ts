import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const CANCEL_REFUND_STATES = ['pending', 'refunded', 'failed'] as const;
export const CANCEL_EMAIL_STATES = ['pending', 'sending', 'sent', 'failed', 'unknown'] as const;

/**
 * One paid order of a canceled event: created once (put only if absent) when
 * the job or the late-payment consumer first meets it, then moved forward by
 * conditional writes only. `refund`: pending → refunded | failed (refundOrder
 * itself pays out at most once; this records that it happened and counts it
 * once). `email`: pending → sending (claimed before SES is called) → sent |
 * failed, or sending → unknown when the claim's lease ran out without an
 * answer recorded — never resent, so each buyer gets at most one email per
 * order, ever.
 */
export const cancellationOrderSchema = {
  model: { entity: 'cancellationOrder', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    orderId: { type: 'string', required: true, readOnly: true },
    refund: { type: CANCEL_REFUND_STATES, required: true },
    refundFailure: { type: 'string' },
    email: { type: CANCEL_EMAIL_STATES, required: true },
    claimToken: { type: 'string' },
    claimedAt: { type: 'string' },
    messageId: { type: 'string' },
    emailFailure: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['orderId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const cancellationOrderEntity: Db['entities']['cancellationOrder'];
