import * as z from 'zod/mini';
import { checkInData, checkInExample, entry, moneySchema, orderExample, orderSummary, type CatalogEntry } from './shapes.ts';

/** Events, orders, payments and tickets: the sale and the door. */
export const lifecycleCatalog = {
  'event.published': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'An event went from draft to published and is on sale.',
    data: () => z.object({
      eventId: z.string(),
      venueId: z.string(),
      name: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      publishedAt: z.iso.datetime(),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      venueId: '01JD0000000000000000000002',
      name: 'Opening night',
      startsAt: '2026-12-31T21:00:00.000Z',
      endsAt: '2027-01-01T05:00:00.000Z',
      publishedAt: '2026-11-25T10:00:00.000Z',
    },
  }),
  'event.canceled': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      "An event was canceled: its tickets are void for scanning at once, and the event-cancellation consumer starts the job that cancels its pending orders and refunds and emails every paid one (step 0 of the job; the progress is on GET /v1/events/{id} as `cancellation`).",
    data: () => z.object({
      eventId: z.string(),
      venueId: z.string(),
      name: z.string(),
      startsAt: z.iso.datetime(),
      canceledAt: z.iso.datetime(),
      canceledBy: z.string(),
      /** The event's status before: `draft` or `published`. */
      previousStatus: z.enum(['draft', 'published']),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      venueId: '01JD0000000000000000000002',
      name: 'Opening night',
      startsAt: '2026-12-31T21:00:00.000Z',
      canceledAt: '2026-12-20T09:00:00.000Z',
      canceledBy: 'u1',
      previousStatus: 'published',
    },
  }),
  'event.cancellation_chunk': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      "The next chunk of an event's cancellation job (the consumer's own continuation, or the due job's push of a stalled one). It runs only while `step` is the cancellation's current one: `pending` cancels a page of pending orders, `paid` refunds and emails a page of paid orders, `finish` settles what is left and closes the job.",
    data: () => z.object({
      eventId: z.string(),
      phase: z.enum(['pending', 'paid', 'finish']),
      /** The last orderId handled in the phase; null at its start. */
      cursor: z.nullable(z.string()),
      step: z.int().check(z.minimum(0)),
    }),
    example: { eventId: '01JD0000000000000000000001', phase: 'paid', cursor: '01JD0000000000000000000009', step: 4 },
  }),
  'order.created': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      'A buyer reserved seats; the order is pending payment (or paid at once when free). A pending order\'s is published by the outbox relay, one to two minutes after the order (no consumer needs it sooner); a free order\'s at once, with its order.paid.',
    data: () => orderSummary(),
    example: orderExample('pending'),
  }),
  'order.paid': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'Payment succeeded (or the order was free): the seats are sold and tickets issued.',
    data: () => z.extend(orderSummary(), {
      tickets: z.array(z.object({ ticketId: z.string(), ticketTypeId: z.string() })),
      paidAt: z.iso.datetime(),
    }),
    example: { ...orderExample('paid'), tickets: [{ ticketId: '01JD0000000000000000000010', ticketTypeId: '01JD0000000000000000000005' }], paidAt: '2026-11-25T10:05:00.000Z' },
  }),
  'order.expired': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'A pending order was not paid in time; its seats and voucher usage were released.',
    data: () => orderSummary(),
    example: orderExample('expired'),
  }),
  'order.canceled': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'An order was canceled; its seats and voucher usage were released.',
    data: () => orderSummary(),
    example: orderExample('canceled'),
  }),
  'order.refunded': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: 'Money went back to the buyer. `full` means the whole order: its tickets were voided and seats released.',
    data: () => z.extend(orderSummary(), { refundId: z.string(), amount: moneySchema(), refundedTotal: moneySchema(), full: z.boolean() }),
    example: { ...orderExample('refunded'), refundId: 're_123', amount: { amount: 5000, currency: 'EUR' }, refundedTotal: { amount: 5000, currency: 'EUR' }, full: true },
  }),
  'payment.mismatch': entry({
    source: 'eventos.ticketing',
    version: 1,
    description:
      'A correctly signed Stripe event did not fit the order it named (another PaymentIntent, less received than the total, another currency, a refund that is not positive or exceeds the charge or what was paid) or named an order that does not exist. Nothing was applied; the order, when it exists, lists the anomaly under `paymentAnomalies`.',
    data: () => z.object({
      /** The order the event named (metadata or PaymentIntent); null when it named none we could read. */
      orderId: z.nullable(z.string()),
      reason: z.enum([
        'unknown_order',
        'wrong_payment_intent',
        'amount_short',
        'currency_mismatch',
        'refund_not_positive',
        'refund_exceeds_charge',
        'refund_exceeds_paid',
        'refund_currency_mismatch',
      ]),
      stripeEventId: z.string(),
      stripeEventType: z.string(),
      paymentIntentId: z.nullable(z.string()),
      refundId: z.optional(z.string()),
      /** What the event said was received or refunded. */
      amount: z.nullable(moneySchema()),
      /** What the order expected; null for an unknown order. */
      expected: z.nullable(z.object({ paymentIntentId: z.nullable(z.string()), total: moneySchema() })),
    }),
    example: {
      orderId: '01JD0000000000000000000009',
      reason: 'amount_short',
      stripeEventId: 'evt_123',
      stripeEventType: 'payment_intent.succeeded',
      paymentIntentId: 'pi_123',
      amount: { amount: 100, currency: 'EUR' },
      expected: { paymentIntentId: 'pi_123', total: { amount: 5000, currency: 'EUR' } },
    },
  }),
  'ticket.issued': entry({
    source: 'eventos.ticketing',
    version: 1,
    description: "An order's tickets were issued, one per admission (one event per order, listing them all).",
    data: () => z.object({
      orderId: z.string(),
      eventId: z.string(),
      tickets: z.array(z.object({ ticketId: z.string(), ticketTypeId: z.string() })),
    }),
    example: { orderId: '01JD0000000000000000000009', eventId: '01JD0000000000000000000001', tickets: [{ ticketId: '01JD0000000000000000000010', ticketTypeId: '01JD0000000000000000000005' }] },
  }),
  'ticket.checked_in': entry({
    source: 'eventos.access',
    version: 1,
    description:
      'A ticket was admitted on a check-in list (online, or uploaded from an offline scanner). `duplicate`: an offline scan of a ticket already admitted — kept for the audit, counted once in attendance.',
    data: () => checkInData(),
    example: checkInExample('entry'),
  }),
  'ticket.checked_out': entry({
    source: 'eventos.access',
    version: 1,
    description: 'A ticket left through an exit scan on a check-in list.',
    data: () => checkInData(),
    example: checkInExample('exit'),
  }),
} satisfies Record<string, CatalogEntry>;
