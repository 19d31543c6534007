import * as z from 'zod/mini';
import { Email, IsoDateTime, ListQuery, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { BestAvailable, SeatList } from '#packages/features/seating/contract.ts';
import { OrderAttribution, Utm } from '#packages/features/analytics/contract.ts';

/** Each line names a ticket type or a bundle, never both. */
const OrderItem = z
  .object({
    ticketTypeId: z.optional(Ulid),
    bundleId: z.optional(Ulid),
    quantity: z.int().check(z.minimum(1), z.maximum(50)),
  })
  .check(
    z.refine((v) => (v.ticketTypeId === undefined) !== (v.bundleId === undefined), {
      message: 'give exactly one of ticketTypeId and bundleId',
    }),
  );

export const CreateOrder = z
  .object({
    buyer: z.object({
      email: Email,
      firstName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
      lastName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
      phone: z.optional(z.string().check(z.trim(), z.maxLength(32))),
    }),
    items: z._default(z.array(OrderItem).check(z.maxLength(10)), []),
    /** Seats of the published seat map, by guid (at most 40 an order: its hold is one transaction of ≤ 100 items). */
    seats: z.optional(SeatList),
    /** Or the best adjacent seats of a category, nearest the stage, leaving no single seat stranded when it can. */
    bestAvailable: z.optional(BestAvailable),
    voucherCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    /** A promoter's code: an unknown or inactive one is refused (422 `promoter_unknown`); it overrides any link token. */
    promoterCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    /** The token of the last promoter link the buyer clicked (GET /v1/promoter-links/{slug}/click); counts within 30 days of the click. An unknown or expired one attributes nothing. */
    promoterToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
    /** The `rt` parameter of a campaign link the buyer arrived by: attributes the order's revenue to that campaign. Never refused; an invalid one is ignored. */
    campaignToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(512))),
    /** UTM parameters of the buyer's landing: recorded on the order for attribution (analytics). */
    utm: z.optional(Utm),
    /** The token of a visit recorded by POST /v1/events/{id}/visits: the order's last touch when it brings no promoter, campaign or UTM of its own. */
    visitToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    /**
     * The buyer ticked "send me news by email" at checkout: unticked (absent or false) by default, never assumed.
     * `true` records a `marketing_email` consent (method `checkout`, with the checkout request's ip and user agent) once the order is paid.
     */
    marketingConsent: z.optional(z.boolean()),
  })
  .check(
    z.refine((v) => v.items.length > 0 || v.seats !== undefined || v.bestAvailable !== undefined, {
      message: 'give items, seats or bestAvailable',
      path: ['items'],
    }),
  )
  .register(z.globalRegistry, { id: 'CreateOrder' });

export const OrderStatus = z.enum(['pending', 'paid', 'expired', 'canceled', 'refunded']);

const OrderLine = z.object({
  ticketTypeId: z.optional(Ulid),
  bundleId: z.optional(Ulid),
  name: z.string(),
  quantity: z.int(),
  unitPrice: Money,
  discount: Money,
  total: Money,
});

export const OrderTicket = z
  .object({ id: Ulid, ticketTypeId: Ulid, code: z.string(), status: z.enum(['valid', 'void']) })
  .register(z.globalRegistry, { id: 'OrderTicket' });

export const PaymentAnomaly = z
  .object({
    at: IsoDateTime,
    /** `wrong_payment_intent`, `amount_short`, `currency_mismatch`, `refund_not_positive`, `refund_exceeds_charge`, `refund_exceeds_paid`, `refund_currency_mismatch`. */
    reason: z.string(),
    stripeEventId: z.string(),
    eventType: z.string(),
    paymentIntentId: z.optional(z.string()),
    refundId: z.optional(z.string()),
    /** What the event said was received or refunded. */
    amount: z.optional(Money),
  })
  .register(z.globalRegistry, { id: 'PaymentAnomaly' });

/** One refund of an order: how much, when and why; `automatic` when the system refunded a late payment itself. */
export const OrderRefund = z
  .object({
    id: z.string(),
    amount: Money,
    reason: z.optional(z.string()),
    refundedAt: IsoDateTime,
    automatic: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'OrderRefund' });

export const Order = z
  .object({
    id: Ulid,
    eventId: Ulid,
    status: OrderStatus,
    buyer: z.object({ email: z.string(), firstName: z.optional(z.string()), lastName: z.optional(z.string()), phone: z.optional(z.string()) }),
    lines: z.array(OrderLine),
    subtotal: Money,
    discount: Money,
    total: Money,
    refunded: Money,
    voucherCode: z.optional(z.string()),
    promoterCode: z.optional(z.string()),
    utm: z.optional(Utm),
    /** First touch (what first brought the buyer's contact) and last touch (what brought this order). */
    attribution: z.optional(OrderAttribution),
    /** The seats the order holds or owns. */
    seats: z.optional(z.array(z.object({ sectionId: z.string(), seatGuid: z.string() }))),
    expiresAt: IsoDateTime,
    payment: z.optional(
      z.object({
        provider: z.literal('stripe'),
        paymentIntentId: z.string(),
        clientSecret: z.optional(z.string()),
        status: z.optional(z.string()),
        failure: z.optional(z.string()),
      }),
    ),
    tickets: z.optional(z.array(OrderTicket)),
    /** Every refund of the order, oldest first (GET of one order; absent until the first). */
    refunds: z.optional(z.array(OrderRefund)),
    /** Signed Stripe events that named this order but did not fit it; none of them changed the order. Absent when there are none. */
    paymentAnomalies: z.optional(z.array(PaymentAnomaly)),
    paidAt: z.optional(IsoDateTime),
    canceledAt: z.optional(IsoDateTime),
    expiredAt: z.optional(IsoDateTime),
    refundedAt: z.optional(IsoDateTime),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Order' });

export const OrderListQuery = z.extend(ListQuery, { status: z.optional(OrderStatus) });

/** No body (or `{}`) refunds everything not yet refunded. */
export const RefundOrder = z
  .optional(
    z.object({
      /** Minor units; omitted means everything not yet refunded. */
      amount: z.optional(z.int().check(z.minimum(1))),
      reason: z.optional(z.string().check(z.maxLength(500))),
    }),
  )
  .register(z.globalRegistry, { id: 'RefundOrder' });

/** `available` = capacity − sold − held − blocked (seats an organiser took off a seat map's sale). */
const Counts = z.object({ capacity: z.int(), sold: z.int(), held: z.int(), blocked: z.optional(z.int()), available: z.int() });

export const Availability = z
  .object({
    eventId: Ulid,
    ticketTypes: z.array(z.extend(Counts, { ticketTypeId: Ulid, name: z.string(), price: Money, onSale: z.boolean() })),
    total: z.nullable(Counts),
  })
  .register(z.globalRegistry, { id: 'Availability' });

/** `promoterToken`: the click token of a promoter link, which may unlock promoter-only ticket types. */
export const AvailabilityQuery = z.object({ promoterToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))) });

export type CreateOrderInput = z.infer<typeof CreateOrder>;
export type OrderView = z.infer<typeof Order>;
export type AvailabilityView = z.infer<typeof Availability>;
export type RefundOrderInput = NonNullable<z.infer<typeof RefundOrder>>;
