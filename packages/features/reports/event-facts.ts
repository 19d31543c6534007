import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { getEventStats } from '#packages/features/stats/index.ts';

/** One event as the reports see it: what was for sale, sold, taken and admitted. */
export interface EventFacts {
  eventId: string;
  name: string;
  startsAt: string;
  currency: string;
  status: string;
  /** Seats for sale: the event's total capacity, else the sum of its ticket types'. */
  capacity: number;
  /** Admissions on paid orders, fully refunded ones left out (as the live stats count them). */
  ticketsSold: number;
  /** Net of every refund, minor units of `currency`. */
  revenue: number;
  /** Admissions scanned in (the live stats' counter: a re-entry counts again). */
  checkedIn: number;
  orders: OrderFact[];
}

/** A paid (or since refunded) order, reduced to what the reports use. */
export interface OrderFact {
  orderId: string;
  eventId: string;
  buyerEmail: string;
  paidAt: string;
  refundedAt?: string;
  /** Admissions (tickets), 0 once fully refunded. */
  admissions: number;
  total: number;
  refunded: number;
  currency: string;
  promoterId?: string;
  /** The last touch's channel (`promoter`, `campaign`, `utm`, `direct`), as the metric store files the sale. */
  channel: string;
  campaignId?: string;
  utmSource?: string;
}

interface OrderRow {
  orderId: string;
  eventId: string;
  status: string;
  buyer: { email: string };
  buyerEmail?: string;
  lines: Array<{ quantity: number; admissions: Array<{ quantity: number }> }>;
  total: { amount: number; currency: string };
  refunded: { amount: number };
  paidAt?: string;
  refundedAt?: string;
  promoter?: unknown;
  campaignToken?: string;
  utm?: { source?: string };
  attribution?: { lastTouch?: { channel?: string; promoterId?: string; campaignId?: string; utm?: { source?: string } } };
}

const ORDER_ATTRIBUTES = ['orderId', 'eventId', 'status', 'buyer', 'buyerEmail', 'lines', 'total', 'refunded', 'paidAt', 'refundedAt', 'promoter', 'campaignToken', 'utm', 'attribution'] as const;

/** The paid and the refunded orders of an event: two Queries of gsi2 `byEventStatus`, every page. */
async function eventOrders(eventId: string): Promise<OrderFact[]> {
  const statuses = ['paid', 'refunded'] as const;
  const pages = await Promise.all(
    statuses.map((status) => db().entities.order.query.byEventStatus({ eventId, status }).go({ pages: 'all', attributes: [...ORDER_ATTRIBUTES] })),
  );
  return pages.flatMap((page) => (page.data as OrderRow[]).filter((o) => o.paidAt).map(toFact));
}

function toFact(order: OrderRow): OrderFact {
  const perOrder = order.lines.reduce((n, line) => n + line.quantity * line.admissions.reduce((a, x) => a + x.quantity, 0), 0);
  const last = order.attribution?.lastTouch;
  const promoterId = (order.promoter as { promoterId?: string } | undefined)?.promoterId ?? last?.promoterId;
  const utmSource = order.utm?.source ?? last?.utm?.source;
  // As analytics' orderDimensions files it; before attribution existed, the promoter and the campaign token tell.
  const channel = last?.channel ?? (promoterId ? 'promoter' : order.campaignToken ? 'campaign' : order.utm ? 'utm' : 'direct');
  return {
    orderId: order.orderId,
    eventId: order.eventId,
    buyerEmail: order.buyerEmail ?? order.buyer.email.trim().toLowerCase(),
    paidAt: order.paidAt!,
    ...(order.refundedAt ? { refundedAt: order.refundedAt } : {}),
    admissions: order.status === 'refunded' ? 0 : perOrder,
    total: order.total.amount,
    refunded: order.refunded.amount,
    currency: order.total.currency,
    ...(promoterId ? { promoterId } : {}),
    channel,
    ...(last?.campaignId ? { campaignId: last.campaignId } : {}),
    ...(utmSource ? { utmSource } : {}),
  };
}

/**
 * Everything about one event, read by key: the event and its ticket types
 * (one Query of its partition), its paid and refunded orders (gsi2), and the
 * live stats' ten shards (BatchGet) for the admissions scanned.
 */
export async function eventFacts(eventId: string): Promise<EventFacts> {
  const [event, types, orders, stats] = await Promise.all([
    db().entities.event.get({ eventId }).go({ attributes: ['eventId', 'name', 'startsAt', 'currency', 'status', 'totalCapacity'] }),
    db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all', attributes: ['capacity'] }),
    eventOrders(eventId),
    getEventStats(eventId),
  ]);
  if (!event.data) throw notFound('Event', eventId);
  const typeCapacity = types.data.reduce((n, t) => n + (t.capacity ?? 0), 0);
  const capacity = event.data.totalCapacity !== undefined ? Math.min(event.data.totalCapacity, typeCapacity || Infinity) : typeCapacity;
  return {
    eventId,
    name: event.data.name,
    startsAt: event.data.startsAt,
    currency: event.data.currency,
    status: event.data.status,
    capacity: Number.isFinite(capacity) ? capacity : 0,
    ticketsSold: orders.reduce((n, o) => n + o.admissions, 0),
    revenue: orders.filter((o) => o.currency === event.data!.currency).reduce((n, o) => n + o.total - o.refunded, 0),
    checkedIn: stats.checkedIn.total,
    orders,
  };
}
