import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * An amount of a paid order set aside for one refund before Stripe is asked
 * for it: created in the transaction that ADDs it to the order's
 * `refundClaimed` under the condition that the total is not exceeded. It
 * lives in the order's partition and its id is the Stripe idempotency key
 * (`refund-{reservationId}`) and the refund's `metadata.reservationId`, so a
 * retry after a crash or a timeout asks Stripe for the same refund, and the
 * refund found at Stripe (or in `charge.refunded`) settles it.
 *
 * reserved → paid (booked with the Stripe refund, in the same transaction)
 * reserved → released (Stripe refused it, or it never reached Stripe): the
 * amount goes back to `refundClaimed` in the same transaction.
 */
export const refundReservationSchema = {
  model: { entity: 'refundReservation', version: '1', service: SERVICE },
  attributes: {
    orderId: { type: 'string', required: true, readOnly: true },
    reservationId: { type: 'string', required: true, readOnly: true },
    /** Minor units of `currency` (the order's). */
    amount: { type: 'number', required: true, readOnly: true },
    currency: { type: 'string', required: true, readOnly: true },
    /** Asked for "everything left": another full refund of the order resumes it instead of reserving anew. */
    full: { type: 'boolean', required: true, readOnly: true },
    status: { type: ['reserved', 'paid', 'released'] as const, required: true },
    /** The caller and Idempotency-Key of the HTTP request that made it: a retry of that request resumes it. */
    requestKey: { type: 'string', readOnly: true },
    reason: { type: 'string', readOnly: true },
    requestedBy: { type: 'string', required: true, readOnly: true },
    /** The last time someone asked Stripe for it; it is "stale" (nobody waiting for the answer) a lease after this. */
    attemptedAt: { type: 'string', required: true },
    /** Stripe's refund id, once paid. */
    refundId: { type: 'string' },
    /** Why it was released: Stripe's refusal code, or `not_at_provider`. */
    releasedBecause: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byOrder: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: ['reservationId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const refundReservationEntity: Db['entities']['refundReservation'];
