import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { pool } from '#packages/core/worker-pool.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import type { OrderItem } from '#packages/features/orders/index.ts';
import { releaseOrder } from '#packages/features/orders/index.ts';
import { chunkSize, claimLeaseMs, concurrency, type CancellationItem } from './cancellation-store.ts';
import { commitChanges, recordEmailOutcome } from './order-writes.ts';
import type { Position } from './progress.ts';
import { settleOrders, type EventFacts, type SettleResult } from './settle-orders.ts';

export type PhaseOutcome =
  /** Move on to `next` (which may be this page again, when the chunk's time ran out). */
  | { kind: 'advance'; next: Position; listed?: boolean }
  /** Stay at this step until `until` (Stripe/SES unavailable, or email claims still leased). */
  | { kind: 'wait'; until: string; why?: string }
  | { kind: 'done' };

const afterDelay = (ms: number) => new Date(Date.now() + ms).toISOString();

/** A full page: the same phase after its last order; a short one: the phase is through, on to `next`. */
function pageOf<T extends { orderId: string }>(phase: Position['phase'], items: T[], limit: number, next: Position): PhaseOutcome {
  return items.length === limit ? { kind: 'advance', next: { phase, cursor: items.at(-1)!.orderId } } : { kind: 'advance', next, ...(next.phase === 'finish' ? { listed: true } : {}) };
}

/** What a settle run means for the job: unsettled because of Stripe/SES → wait; because time ran out → this page again. */
function afterSettle(result: SettleResult, here: Position, done: PhaseOutcome, retryMs: number): PhaseOutcome {
  if (!result.unsettled.length) return done;
  if (result.retry) return { kind: 'wait', until: afterDelay(retryMs), why: result.retry };
  return { kind: 'advance', next: here };
}

/**
 * Phase 1, one page of pending orders after `cursor`: each is canceled and
 * its seats released (releaseOrder, conditional on still pending: one of two
 * runners wins, a payment at the same moment wins or loses whole). The count
 * is added after the page, so a crash in between can undercount, never
 * overcount. An order paid meanwhile is the paid phase's (or the
 * late-payment consumer's).
 */
export async function pendingPage(c: CancellationItem, cursor: string | null, ctx: RequestContext): Promise<PhaseOutcome> {
  const limit = chunkSize();
  const query = db().entities.order.query.byEventStatus({ eventId: c.eventId, status: 'pending' });
  const { data } = await (cursor === null ? query : query.gt({ orderId: cursor })).go({ limit, attributes: ['orderId'] });
  let released = 0;
  await pool(data, concurrency(), () => false, async ({ orderId }) => {
    try {
      await releaseOrder(orderId, 'canceled', ctx);
      released++;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
  });
  if (released) await db().entities.eventCancellation.patch({ eventId: c.eventId }).add({ pendingCanceled: released }).go({ response: 'none' });
  return pageOf('pending', data, limit, { phase: 'paid', cursor: null });
}

/** Phase 2, one page of paid orders after `cursor`: refunded and emailed (settle-orders.ts). */
export async function paidPage(c: CancellationItem, event: EventFacts, cursor: string | null, ctx: RequestContext, deadline: number, retryMs: number): Promise<PhaseOutcome> {
  const limit = chunkSize();
  const query = db().entities.order.query.byEventStatus({ eventId: c.eventId, status: 'paid' });
  const { data } = await (cursor === null ? query : query.gt({ orderId: cursor })).go({ limit });
  const result = await settleOrders(event, data, ctx, deadline);
  return afterSettle(result, { phase: 'paid', cursor }, pageOf('paid', data, limit, { phase: 'finish', cursor: null }), retryMs);
}

/**
 * The last phase: every order item must be final before the job is done.
 * One consistent Query of the event's cancellationOrder items for what is
 * still open. Open refunds or emails (Stripe or SES were unavailable, an
 * order met by the late-payment consumer) are settled again; email claims
 * whose lease ran out are settled as `unknown` (SES may have sent them:
 * never twice); claims still leased make it wait.
 */
export async function finishPhase(c: CancellationItem, event: EventFacts, ctx: RequestContext, deadline: number, retryMs: number): Promise<PhaseOutcome> {
  const { data: open } = await db()
    .entities.cancellationOrder.query.byEvent({ eventId: c.eventId })
    .where((a, op) => `(${op.eq(a.refund, 'pending')} OR ${op.eq(a.email, 'pending')} OR ${op.eq(a.email, 'sending')})`)
    .go({ pages: 'all', consistent: true });
  const todo = open.filter((i) => i.refund === 'pending' || i.email === 'pending').slice(0, chunkSize());
  if (todo.length) {
    const orders = await batchGetAll(
      todo.map(({ orderId }) => ({ orderId })),
      (batch) => db().entities.order.get(batch).go({ consistent: true }),
    );
    const result = await settleOrders(event, orders as OrderItem[], ctx, deadline);
    return afterSettle(result, { phase: 'finish', cursor: null }, { kind: 'advance', next: { phase: 'finish', cursor: null } }, retryMs);
  }
  const now = Date.now();
  const claims = open.filter((i) => i.email === 'sending');
  const stale = claims.filter((i) => !i.claimedAt || Date.parse(i.claimedAt) + claimLeaseMs() <= now);
  if (stale.length) {
    await commitChanges(
      c.eventId,
      stale.map((i) =>
        recordEmailOutcome(c.eventId, i.orderId, { token: i.claimToken ?? '', claimedAt: i.claimedAt ?? '' }, { kind: 'unknown', reason: 'claim lease expired without an SES answer recorded' }),
      ),
    );
  }
  const leased = claims.filter((i) => !stale.includes(i));
  if (leased.length) {
    // A live run settles its claims within seconds; a dead one's lease decides. Look again in a minute at most.
    const expiry = Math.max(...leased.map((i) => Date.parse(i.claimedAt!))) + claimLeaseMs() + 1000;
    return { kind: 'wait', until: new Date(Math.min(expiry, now + 60_000)).toISOString() };
  }
  return { kind: 'done' };
}
