import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const CANCELLATION_STATUSES = ['running', 'done'] as const;
export const CANCELLATION_PHASES = ['pending', 'paid', 'finish'] as const;

/**
 * The cancellation of one event: written in the transaction that cancels it,
 * then moved forward by the `event-cancellation` consumer chunk by chunk.
 * Where the job stands (`phase`, `cursor`, `step`) lives here, so a crash
 * resumes exactly there; a chunk runs only if its step is still the current
 * one. The counters move in the transactions that move the orders' items
 * (cancellation-order.ts), so they are exact.
 *
 * `dueAt` is when the `event-cancellations-due` job must look at it (the
 * watchdog time, pushed forward by every chunk; a retry time after Stripe was
 * unavailable). The `due` index holds only running cancellations; any write
 * of `status` or `dueAt` carries both.
 */
export const eventCancellationSchema = {
  model: { entity: 'eventCancellation', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    status: { type: CANCELLATION_STATUSES, required: true },
    phase: { type: CANCELLATION_PHASES, required: true },
    /** The last orderId handled in the phase; absent at its start. */
    cursor: { type: 'string' },
    step: { type: 'number', required: true },
    dueAt: { type: 'string', required: true },
    requestedBy: { type: 'string', required: true },
    completedAt: { type: 'string' },
    /** Set once the paid phase has listed every paid order: `ordersFound` is then the total. */
    listedAt: { type: 'string' },
    /** Pending orders this job canceled (their seats released). */
    pendingCanceled: { type: 'number', required: true, default: 0 },
    /** Paid orders found (each has a cancellationOrder item). */
    ordersFound: { type: 'number', required: true, default: 0 },
    refunded: { type: 'number', required: true, default: 0 },
    refundFailed: { type: 'number', required: true, default: 0 },
    emailed: { type: 'number', required: true, default: 0 },
    emailFailed: { type: 'number', required: true, default: 0 },
    /** Claimed, lease expired without SES's answer recorded: maybe sent, never resent. */
    emailUnknown: { type: 'number', required: true, default: 0 },
    /** Why the job is waiting (Stripe unavailable, …), cleared by the next chunk that advances. */
    lastError: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: [] } },
    /** Sparse: running cancellations by the time the due job must act on them. */
    due: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['dueAt'] },
      condition: (attr: { status?: string }) => attr.status === 'running',
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const eventCancellationEntity: Db['entities']['eventCancellation'];
