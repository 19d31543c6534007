import type { OrderView } from './contract.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { loadOrder, type OrderItem } from './order-item.ts';

type OrderStatus = OrderItem['status'];

export function toOrderView(order: OrderItem, extra: Pick<OrderView, 'tickets'> & { clientSecret?: string } = {}): OrderView {
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
    ...(paymentAnomalies?.length ? { paymentAnomalies } : {}),
  };
}

/** An order, with its tickets once it has any. */
export async function getOrder(orderId: string): Promise<OrderView> {
  const order = await loadOrder(orderId);
  if (order.status === 'pending' || order.status === 'expired' || (order.status === 'canceled' && !order.paidAt)) return toOrderView(order);
  const { data } = await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' });
  return toOrderView(order, { tickets: data.map((t) => ({ id: t.ticketId, ticketTypeId: t.ticketTypeId, code: t.code, status: t.status })) });
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
