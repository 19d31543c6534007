import type { EventData } from '#events/catalog.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { loadOrder } from '#packages/features/orders/index.ts';
import { chunkBudgetMs, inMs, loadCancellation, watchdogMs } from './cancellation-store.ts';
import { settleOrders } from './settle-orders.ts';

/**
 * An order paid for an event that is canceled: a payment that arrived after
 * the job canceled the pending order (confirmPayment re-sells free seats), or
 * while the job's cursor had already passed it. It is refunded and its buyer
 * emailed exactly like the job's orders (the same per-order item, so the job
 * and this consumer never both pay back or both mail). Cost for every other
 * order: one consistent GetItem of the event.
 */
export async function settleLatePaidOrder(paid: EventData<'order.paid'>, ctx: Pick<RequestContext, 'correlationId'>): Promise<'not_canceled' | 'settled' | 'handed_to_job'> {
  const { data: event } = await db().entities.event.get({ eventId: paid.eventId }).go({ consistent: true });
  if (!event || event.status !== 'canceled') return 'not_canceled';
  const cancellation = await loadCancellation(paid.eventId, true);
  if (!cancellation) return 'not_canceled';
  const order = await loadOrder(paid.orderId, true);
  if (order.status !== 'paid') return 'settled';
  const facts = { eventId: event.eventId, name: event.name, startsAt: event.startsAt };
  const result = await settleOrders(facts, [order], { actorId: cancellation.requestedBy, correlationId: ctx.correlationId }, Date.now() + chunkBudgetMs());
  if (!result.unsettled.length) return 'settled';
  // Stripe or SES could not take it now: the job's finish phase retries open orders.
  if (await reopen(paid.eventId, ctx)) return 'handed_to_job';
  // The job is still running; it may have passed its last look at open orders, so retry through the bus.
  throw new Error(`order ${paid.orderId} of canceled event ${paid.eventId} not settled yet: ${result.retry ?? 'time ran out'}`);
}

/** done → running at the finish phase, with its chunk: the job takes the open order over. False if it is still running. */
async function reopen(eventId: string, ctx: Pick<RequestContext, 'correlationId'>): Promise<boolean> {
  const c = await loadCancellation(eventId, true);
  if (!c || c.status !== 'done') return false;
  const step = c.step + 1;
  const result = await transactWithEvents(
    ({ eventCancellation }) => [
      eventCancellation
        .patch({ eventId })
        .set({ status: 'running', phase: 'finish', step, dueAt: inMs(watchdogMs()) })
        .remove(['completedAt'])
        .where((a, op) => `${op.eq(a.status, 'done')} AND ${op.eq(a.step, c.step)}`)
        .commit(),
    ],
    [domainEvent('event.cancellation_chunk', { eventId, phase: 'finish', cursor: null, step }, ctx)],
  );
  return !result.canceled;
}
