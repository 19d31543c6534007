import { randomUUID } from 'node:crypto';
import { givenEvent, hours } from './fixtures.ts';
import type { ApiCaller, ApiResponse } from './local-api.ts';

/**
 * Given/when helpers for the ticket-sales end-to-end tests (orders, vouchers,
 * bundles, Stripe webhooks, refunds). Each takes the file's `api.call`.
 */

export interface OrderItemInput {
  ticketTypeId?: string;
  bundleId?: string;
  quantity: number;
}

export interface CountsView {
  capacity: number;
  sold: number;
  held: number;
  available: number;
}

export interface AvailabilityBody {
  eventId: string;
  ticketTypes: Array<CountsView & { ticketTypeId: string; name: string }>;
  total: CountsView | null;
}

/** An event (draft unless `publish` is true, the default) with the given capacity rules. */
export async function givenPublishedEvent(
  call: ApiCaller,
  options: { totalCapacity?: number; holdMinutes?: number; publish?: boolean; [field: string]: unknown } = {},
) {
  const { publish = true, ...body } = options;
  const event = await givenEvent(call, body);
  if (publish) await publishEvent(call, event.id);
  return event;
}

export async function publishEvent(call: ApiCaller, eventId: string) {
  const res = await call('POST', `/v1/events/${eventId}/publish`);
  if (res.status !== 200) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function givenTicketType(call: ApiCaller, eventId: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', `/v1/events/${eventId}/ticket-types`, {
    body: { name: 'General admission', price: { amount: 2500, currency: 'EUR' }, capacity: 100, maxPerOrder: 10, ...over },
  });
  if (res.status !== 201) throw new Error(`ticket type: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; name: string; price: { amount: number; currency: string }; capacity: number };
}

export async function givenVoucher(call: ApiCaller, eventId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/v1/events/${eventId}/vouchers`, { body: { kind: 'percent', percent: 10, maxUsages: 1, ...body } });
  if (res.status !== 201) throw new Error(`voucher: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; code: string; remainingUsages: number; maxUsages: number };
}

export async function givenBundle(call: ApiCaller, eventId: string, body: Record<string, unknown>) {
  const res = await call('POST', `/v1/events/${eventId}/bundles`, { body });
  if (res.status !== 201) throw new Error(`bundle: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; price: { amount: number; currency: string }; listPrice: { amount: number }; discount: { amount: number } };
}

/** A fresh buyer address: the SES emulator and the CRM are shared, so each test names its own buyers. */
export function buyerEmail(tag = 'buyer'): string {
  return `${tag}.${randomUUID().slice(0, 8)}@example.com`.toLowerCase();
}

/** POST /v1/events/{id}/orders as the anonymous storefront. `items` may be just a ticket type id (quantity 1). */
export function buy(
  call: ApiCaller,
  eventId: string,
  items: OrderItemInput[] | string,
  options: { email?: string; voucherCode?: string; idempotencyKey?: string; quantity?: number } = {},
): Promise<ApiResponse> {
  const lines = typeof items === 'string' ? [{ ticketTypeId: items, quantity: options.quantity ?? 1 }] : items;
  const body = {
    buyer: { email: options.email ?? buyerEmail(), firstName: 'Test', lastName: 'Buyer' },
    items: lines,
    ...(options.voucherCode !== undefined ? { voucherCode: options.voucherCode } : {}),
  };
  return call('POST', `/v1/events/${eventId}/orders`, {
    body,
    role: null,
    ...(options.idempotencyKey ? { headers: { 'idempotency-key': options.idempotencyKey } } : {}),
  });
}

/** Like `buy`, but insists on 201. */
export async function givenOrder(call: ApiCaller, eventId: string, items: OrderItemInput[] | string, options: Parameters<typeof buy>[3] = {}) {
  const res = await buy(call, eventId, items, options);
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OrderBody;
}

export interface OrderBody {
  id: string;
  eventId: string;
  status: string;
  total: { amount: number; currency: string };
  subtotal: { amount: number; currency: string };
  discount: { amount: number; currency: string };
  refunded: { amount: number; currency: string };
  voucherCode?: string;
  lines: Array<{ ticketTypeId?: string; bundleId?: string; quantity: number; unitPrice: { amount: number }; discount: { amount: number }; total: { amount: number } }>;
  payment?: { provider: 'stripe'; paymentIntentId: string; clientSecret?: string; status?: string };
  tickets?: Array<{ id: string; ticketTypeId: string; code: string; status: 'valid' | 'void' }>;
  expiresAt: string;
}

export interface DevStripeOutcome {
  event: { id: string; type: string };
  delivered: { status: number | null; error?: string };
}

/** The customer pays: the stand-in marks the intent succeeded and delivers payment_intent.succeeded before answering. */
export async function pay(call: ApiCaller, order: Pick<OrderBody, 'id' | 'payment'>): Promise<DevStripeOutcome> {
  const intent = order.payment?.paymentIntentId;
  if (!intent) throw new Error(`order ${order.id} has no payment intent`);
  const res = await call('POST', `/dev/stripe/payment_intents/${intent}/succeed`, { role: null });
  if (res.status !== 200) throw new Error(`succeed ${intent}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as DevStripeOutcome;
}

/** An order bought and paid: its GET (status paid, with tickets). */
export async function givenPaidOrder(call: ApiCaller, eventId: string, items: OrderItemInput[] | string, options: Parameters<typeof buy>[3] = {}) {
  const order = await givenOrder(call, eventId, items, options);
  if (order.status !== 'paid') {
    const outcome = await pay(call, order);
    if (outcome.delivered.status !== 200) throw new Error(`webhook for ${order.id}: ${JSON.stringify(outcome.delivered)}`);
  }
  const paid = await getOrder(call, order.id);
  if (paid.status !== 'paid') throw new Error(`order ${order.id} is ${paid.status} after paying`);
  return paid;
}

export async function getOrder(call: ApiCaller, orderId: string): Promise<OrderBody> {
  const res = await call('GET', `/v1/orders/${orderId}`);
  if (res.status !== 200) throw new Error(`get order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as OrderBody;
}

export async function availability(call: ApiCaller, eventId: string): Promise<AvailabilityBody> {
  const res = await call('GET', `/v1/events/${eventId}/availability`, { role: null });
  if (res.status !== 200) throw new Error(`availability: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AvailabilityBody;
}

export function countsOf(av: AvailabilityBody, ticketTypeId: string): CountsView {
  const found = av.ticketTypes.find((t) => t.ticketTypeId === ticketTypeId);
  if (!found) throw new Error(`no availability for ${ticketTypeId}`);
  const { capacity, sold, held, available } = found;
  return { capacity, sold, held, available };
}

/** Every order of an event (optionally of one status), page by page; also returns the page sizes seen. */
export async function listAllOrders(call: ApiCaller, eventId: string, options: { status?: string; limit?: number } = {}) {
  const items: OrderBody[] = [];
  const pages: number[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(options.limit ?? 25) });
    if (options.status) query.set('status', options.status);
    if (cursor) query.set('cursor', cursor);
    const res = await call('GET', `/v1/events/${eventId}/orders?${query}`);
    if (res.status !== 200) throw new Error(`list orders: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...(res.body.items as OrderBody[]));
    pages.push(res.body.items.length);
    cursor = res.body.nextCursor as string | null;
    if (pages.length > 1000) throw new Error('list orders: no end of pages');
  } while (cursor);
  return { items, pages };
}

/** Mail the SES emulator captured for one address. */
export async function emailsTo(mailUrl: string, address: string) {
  const res = await fetch(`${mailUrl}/store`);
  const { emails } = (await res.json()) as { emails: Array<{ destination: { to: string[] }; subject: string; at: number }> };
  return emails.filter((e) => e.destination.to.some((to) => to.toLowerCase().includes(address.toLowerCase())));
}

/** Status codes and problem codes of many responses, counted: `{ "201": 50, "409 sold_out": 150 }`. */
export function tally(responses: readonly ApiResponse[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status < 300 ? String(r.status) : `${r.status} ${(r.body as { code?: string })?.code ?? '?'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

export const unknownId = '01JD0000000000000000000000';

export { hours };
