import { buildSendEmailInput } from '#packages/mail/ses-mailer.ts';
import { renderEventCancellation } from '#packages/mail/event-cancellation.ts';
import { PaymentProviderError } from '#packages/payments/errors.ts';
import { logger } from '#packages/core/logger.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { sendOnce } from '#packages/features/campaigns/index.ts';
import { pool } from '#packages/core/worker-pool.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { loadOrder, type OrderItem } from '#packages/features/orders/index.ts';
import { refundOrder } from '#packages/features/orders/index.ts';
import { concurrency, type CancellationOrderItem } from './cancellation-store.ts';
import {
  claimEmail,
  commitChanges,
  createOrderItem,
  newClaim,
  recordEmailOutcome,
  recordRefundOutcome,
  releaseClaim,
  type Change,
  type RefundOutcome,
} from './order-writes.ts';
import { crashHook } from './test-crash-hook.ts';

export interface EventFacts {
  eventId: string;
  name: string;
  startsAt: string;
}

export interface SettleResult {
  /** Orders whose refund or email is still open after this run. */
  unsettled: string[];
  /** Why some must be tried later (Stripe or SES unavailable); absent when only time ran out. */
  retry?: string;
}

type Attempt = RefundOutcome | { kind: 'retry'; reason: string };

/**
 * What one refund attempt means for the job. refundOrder pays out at most
 * once per order whatever happens here; this only decides what to record:
 * an order that is no longer paid because it was refunded (by us before a
 * crash, by a concurrent run, by hand) is done; Stripe or a concurrent
 * refund in flight means "later"; any other refusal is a failure for a human.
 */
async function refundOne(order: OrderItem, ctx: RequestContext): Promise<Attempt> {
  try {
    await refundOrder(order.orderId, { reason: 'event_canceled' }, ctx);
  } catch (error) {
    if (error instanceof DomainError) {
      if (error.code === 'invalid_transition') {
        const now = await loadOrder(order.orderId, true);
        return now.status === 'refunded' ? { kind: 'refunded' } : { kind: 'failed', reason: `the order is ${now.status}, not refundable` };
      }
      if (error.kind === 'unavailable' || error.kind === 'conflict') return { kind: 'retry', reason: `${error.code}: ${error.message}` };
      return { kind: 'failed', reason: `${error.code}: ${error.message}` };
    }
    if (error instanceof PaymentProviderError) {
      return error.retryable ? { kind: 'retry', reason: `payment provider: ${error.message}` } : { kind: 'failed', reason: `payment provider: ${error.message}` };
    }
    // Anything else (a lost race, a DynamoDB hiccup) may pass on a later try; refundOrder is safe to repeat.
    return { kind: 'retry', reason: (error as Error).message };
  }
  // Refunded and not yet recorded: the worst moment to die (tests).
  crashHook('refund');
  return { kind: 'refunded' };
}

/** Where an order stands, as this run knows it. */
type State = { refund: CancellationOrderItem['refund']; email: CancellationOrderItem['email'] };

/** The orders' states, creating the missing items (each counted once, whoever creates it). */
async function itemsFor(eventId: string, orderIds: string[]): Promise<Map<string, State>> {
  const read = (ids: string[]) =>
    batchGetAll(
      ids.map((orderId) => ({ eventId, orderId })),
      (batch) => db().entities.cancellationOrder.get(batch).go({ consistent: true }),
    );
  const state = (i: Pick<CancellationOrderItem, 'refund' | 'email'>): State => ({ refund: i.refund, email: i.email });
  const items = new Map((await read(orderIds)).map((i) => [i.orderId, state(i)]));
  const missing = orderIds.filter((id) => !items.has(id));
  if (missing.length) {
    const { committed, refused } = await commitChanges(eventId, missing.map((id) => createOrderItem(eventId, id)));
    for (const orderId of committed) items.set(orderId, { refund: 'pending', email: 'pending' });
    for (const item of await read(refused)) items.set(item.orderId, state(item));
  }
  return items;
}

/**
 * Refunds and emails the given paid orders of a canceled event, each once:
 * refunds through refundOrder (recorded after, conditionally, so a count
 * moves once), then a claim per email before SES is called (a crash after
 * SES accepted leaves the claim: never resent). Orders are started until
 * `deadline`; what is left, or what Stripe/SES could not take now, is
 * reported as unsettled for the caller to schedule.
 */
export async function settleOrders(event: EventFacts, orders: OrderItem[], ctx: RequestContext, deadline: number): Promise<SettleResult> {
  const { eventId } = event;
  if (!orders.length) return { unsettled: [] };
  const items = await itemsFor(eventId, orders.map((o) => o.orderId));
  const timeUp = () => Date.now() >= deadline;
  let retry: string | undefined;

  // 1. Refunds.
  const refunds: Change[] = [];
  const toRefund = orders.filter((o) => items.get(o.orderId)?.refund === 'pending');
  await pool(toRefund, concurrency(), timeUp, async (order) => {
    const attempt = await refundOne(order, ctx);
    if (attempt.kind === 'retry') retry ??= attempt.reason;
    else refunds.push(recordRefundOutcome(eventId, order.orderId, attempt));
  });
  if (refunds.length) {
    const { committed, refused } = await commitChanges(eventId, refunds);
    for (const change of refunds.filter((c) => committed.includes(c.key))) {
      const item = items.get(change.key)!;
      item.refund = change.counts.refunded ? 'refunded' : 'failed';
    }
    // Recorded by someone else meanwhile: take theirs.
    for (const orderId of refused) items.delete(orderId);
    if (refused.length) for (const [orderId, item] of await itemsFor(eventId, refused)) items.set(orderId, item);
  }

  // 2. Emails, once the refund is settled (the email says which way).
  const emails: Change[] = [];
  const token = newId();
  const toMail = orders.filter((o) => {
    const item = items.get(o.orderId);
    return item && item.refund !== 'pending' && item.email === 'pending';
  });
  await pool(toMail, concurrency(), timeUp, async (order) => {
    const item = items.get(order.orderId)!;
    const claim = newClaim(token);
    if (!(await claimEmail(eventId, order.orderId, claim))) return;
    const mail = renderEventCancellation({
      buyer: order.buyer,
      order: { id: order.orderId, total: order.total },
      event: { name: event.name, startsAt: event.startsAt },
      refund: item.refund === 'refunded' ? 'refunded' : 'failed',
    });
    const outcome = await sendOnce(buildSendEmailInput({ to: order.buyer.email, ...mail }), { beforeAttempt: async () => {}, deadline });
    if (outcome.kind === 'sent') {
      item.email = 'sent';
      // Accepted by SES and not yet recorded (tests).
      crashHook('email');
      emails.push(recordEmailOutcome(eventId, order.orderId, claim, outcome));
    } else if (outcome.kind === 'not_sent') {
      await releaseClaim(eventId, order.orderId, claim);
      retry ??= `email: ${outcome.reason}`;
    } else {
      item.email = outcome.kind;
      emails.push(recordEmailOutcome(eventId, order.orderId, claim, outcome));
    }
  });
  if (emails.length) await commitChanges(eventId, emails);

  const unsettled = orders
    .map((o) => o.orderId)
    .filter((orderId) => {
      const item = items.get(orderId);
      return !item || item.refund === 'pending' || item.email === 'pending';
    });
  if (retry) logger.warn('event cancellation: some orders must be retried', { eventId, unsettled: unsettled.length, reason: retry });
  return { unsettled, ...(retry ? { retry } : {}) };
}
