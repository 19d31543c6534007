import * as z from 'zod/mini';
import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { Availability, AvailabilityQuery, CreateOrder, Order, OrderListQuery, RefundOrder } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Orders';

export const createOrder = defineRoute({
  operationId: 'createOrder',
  method: 'POST',
  path: '/v1/events/{id}/orders',
  location: '/v1/orders/{created}',
  handler: 'orders/create',
  permission: null,
  summary: 'Reserve tickets (public storefront): 201 pending with a Stripe PaymentIntent, or paid at once when free',
  tag,
  request: { params: IdParams, body: CreateOrder },
  secrets: ['stripe', 'ticketSigningKey'],
  ownFunction: 'the storefront purchase: hot and latency-critical, and the only storefront route holding the Stripe key and the Stripe SDK',
  responses: { 201: { description: 'The order, holding its seats until expiresAt', schema: Order }, 409: { description: 'sold_out' }, 422: { description: 'A rule of the event, ticket type or voucher refused it' }, 503: { description: 'payment_unavailable' } },
});

export const getAvailability = defineRoute({
  operationId: 'getAvailability',
  method: 'GET',
  path: '/v1/events/{id}/availability',
  handler: 'orders/availability',
  permission: null,
  summary: 'Seats per ticket type and for the event (public: the storefront shows it; cached 5 s, ETag, 304 when If-None-Match matches)',
  tag,
  request: { params: IdParams, query: AvailabilityQuery },
  responses: { 200: { description: 'Capacity, sold, held and available seats', schema: Availability }, 304: { description: 'Not modified: the If-None-Match names the current ETag' } },
  // Availability is at most one hold-expiry period stale anyway; a flash sale's refreshes mostly hit caches.
  cache: { maxAgeSeconds: 5 },
});

export const getOrder = defineRoute({
  operationId: 'getOrder',
  method: 'GET',
  path: '/v1/orders/{id}',
  handler: 'orders/get',
  permission: 'orders:read',
  summary: 'Get an order, with its tickets once paid',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The order', schema: Order } },
});

export const listEventOrders = defineRoute({
  operationId: 'listEventOrders',
  method: 'GET',
  path: '/v1/events/{id}/orders',
  handler: 'orders/list',
  permission: 'orders:read',
  summary: "List an event's orders, optionally of one status",
  tag,
  request: { params: IdParams, query: OrderListQuery },
  responses: { 200: { description: 'A page of orders', schema: listOf(Order) } },
});

export const cancelOrder = defineRoute({
  operationId: 'cancelOrder',
  method: 'POST',
  path: '/v1/orders/{id}/cancel',
  handler: 'orders/cancel',
  permission: 'orders:write',
  summary: 'Cancel a pending order and release its seats (a paid order needs a refund)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The canceled order', schema: Order }, 409: { description: 'refund_required or invalid_transition' } },
});

export const refundOrder = defineRoute({
  operationId: 'refundOrder',
  method: 'POST',
  path: '/v1/orders/{id}/refund',
  handler: 'orders/refund',
  permission: 'orders:refund',
  summary: 'Refund all or part of a paid order through Stripe; a full refund voids the tickets and releases the seats',
  tag,
  request: { params: IdParams, body: RefundOrder },
  secrets: ['stripe'],
  ownFunction: 'holds the Stripe key and the Stripe SDK, which the other order routes (and the public availability route) must not carry',
  responses: {
    200: { description: 'The order after the refund', schema: Order },
    409: { description: "invalid_transition (not paid, or already refunded in full), refund_in_progress, concurrent_update, or Stripe's own code for the charge's state (amount_too_large, charge_already_refunded, charge_disputed)" },
    422: { description: "refund_exceeds_paid (with refundable and pending), or Stripe's own refusal code (card errors and other refused requests)" },
    503: { description: 'payment_unavailable, with Retry-After: Stripe unreachable or too slow; retry the same request with the same Idempotency-Key' },
  },
});

export const stripeWebhook = defineRoute({
  operationId: 'stripeWebhook',
  method: 'POST',
  path: '/v1/webhooks/stripe',
  handler: 'orders/stripe-webhook',
  permission: null,
  summary: 'Stripe events, verified by Stripe-Signature against the raw body; each applied once by its id',
  tag: 'Webhooks',
  secrets: ['stripe', 'ticketSigningKey'],
  ownFunction: 'public and signature-checked: the Stripe webhook secret and the ticket-signing key stay out of every other function',
  responses: {
    200: {
      description: 'Applied, already applied, ignored (not ours) or recorded as a payment anomaly (`mismatch`: it did not fit the order it named, or named no order we have)',
      schema: z.object({ received: z.boolean(), outcome: z.string() }),
    },
    400: { description: 'invalid_signature, or invalid_payload (signed, but no event object)' },
    503: { description: 'payment_unavailable: a refund Stripe had to make could not be made yet; Stripe delivers again' },
  },
});

export const ticketQr = defineRoute({
  operationId: 'getTicketQr',
  method: 'GET',
  path: '/v1/tickets/{id}/qr',
  handler: 'orders/ticket-qr',
  permission: 'orders:read',
  summary: "A ticket's QR code (SVG) encoding its signed code",
  tag: 'Tickets',
  request: { params: IdParams },
  responses: { 200: { description: 'image/svg+xml' } },
});
