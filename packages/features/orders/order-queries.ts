import type { OrderView } from './contract.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { loadOrder, type OrderItem } from './order-item.ts';

type OrderStatus = OrderItem['status'];

export function toOrderView(order: OrderItem, extra: Pick<OrderView, 'tickets' | 'refunds'> & { clientSecret?: string } = {}): OrderView {
  const { orderId, lines, allocations: _a, voucherId: _v, paymentIntentId, paymentStatus, paymentFailure, lateRefundId: _l, refundClaimed: _c, paymentAnomalies, ...rest } =
    order;
  return {
    id: orderId,
    ...rest,
    lines: lines.map(({ admissions: _adm, ...line }) => line),
    ...(paymentIntentId
      ? {
          payment: {
            provider: 'stripe' as const,
            paymentIntentId,
            ...(extra.clientSecret ? { clientSecret: extra.clientSecret } : {}),
            ...(paymentStatus ? { status: paymentStatus } : {}),
            // Orders paid before success cleared it still carry an old decline: it is no longer their state.
            ...(paymentFailure && paymentStatus !== 'succeeded' ? { failure: paymentFailure } : {}),
          },
        }
      : {}),
    ...(extra.tickets ? { tickets: extra.tickets } : {}),
    ...(extra.refunds?.length ? { refunds: extra.refunds } : {}),
    ...(paymentAnomalies?.length ? { paymentAnomalies } : {}),
  };
}

/** An order, with its tickets once it has any. */
export async function getOrder(orderId: string): Promise<OrderView> {
  const order = await loadOrder(orderId);
  // A late payment on an expired order is refunded automatically: its refund is listed even without tickets.
  if (order.status === 'pending' || order.status === 'expired' || (order.status === 'canceled' && !order.paidAt)) return toOrderView(order, { refunds: await refundsOf(order) });
  const [{ data }, refunds] = await Promise.all([db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' }), refundsOf(order)]);
  return toOrderView(order, { tickets: data.map((t) => ({ id: t.ticketId, ticketTypeId: t.ticketTypeId, code: t.code, status: t.status })), refunds });
}

/** The order's refunds (one Query of its refund items), oldest first; none read when nothing was refunded. */
async function refundsOf(order: OrderItem): Promise<NonNullable<OrderView['refunds']>> {
  if (!order.refunded.amount) return [];
  const { data } = await db().entities.refund.query.byOrder({ orderId: order.orderId }).go({ pages: 'all' });
  return data
    .map((r) => ({
      id: r.refundId,
      amount: r.amount,
      ...(r.reason ? { reason: r.reason } : {}),
      refundedAt: r.createdAt,
      automatic: r.refundId === order.lateRefundId,
    }))
    .sort((a, b) => a.refundedAt.localeCompare(b.refundedAt));
}

export async function listEventOrders(eventId: string, status: OrderStatus | undefined, page: PageRequest): Promise<Page<OrderView>> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const options = { limit: page.limit, cursor: checkedCursor(page.cursor) };
  const { data, cursor } = status
    ? await db().entities.order.query.byEventStatus({ eventId, status }).go(options)
    : await db().entities.order.query.byEvent({ eventId }).go(options);
  return { items: data.map((o) => toOrderView(o)), nextCursor: cursor };
}
