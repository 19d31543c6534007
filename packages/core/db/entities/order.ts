import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

/** Where an order's seats came from, so that releasing or confirming touches exactly those slices. */
const allocation = {
  type: 'list',
  items: {
    type: 'map',
    properties: {
      poolId: { type: 'string', required: true },
      shard: { type: 'number', required: true },
      quantity: { type: 'number', required: true },
    },
  },
} as const;

export const orderSchema = {
  model: { entity: 'order', version: '1', service: SERVICE },
  attributes: {
    orderId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    status: { type: ['pending', 'paid', 'expired', 'canceled', 'refunded'] as const, required: true },
    buyer: {
      type: 'map',
      required: true,
      properties: {
        email: { type: 'string', required: true },
        firstName: { type: 'string' },
        lastName: { type: 'string' },
        phone: { type: 'string' },
      },
    },
    /**
     * The buyer's email, trimmed and lower-cased, kept in step with `buyer`
     * (ElectroDB `watch`): the key of byBuyerEmail, by which an erasure finds
     * every order of the person, unpaid and expired ones too (they put no
     * line on the timeline). Pseudonymised with `buyer`.
     */
    buyerEmail: {
      type: 'string',
      watch: ['buyer'],
      set: (_value: unknown, item: { buyer?: { email?: string } }) => item.buyer?.email?.trim().toLowerCase(),
    },
    lines: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          ticketTypeId: { type: 'string' },
          bundleId: { type: 'string' },
          name: { type: 'string', required: true },
          quantity: { type: 'number', required: true },
          unitPrice: { ...money, required: true },
          discount: { ...money, required: true },
          total: { ...money, required: true },
          /** Admissions per unit: 1 for a ticket type, the component list for a bundle. */
          admissions: {
            type: 'list',
            required: true,
            items: { type: 'map', properties: { ticketTypeId: { type: 'string', required: true }, quantity: { type: 'number', required: true } } },
          },
        },
      },
    },
    subtotal: { ...money, required: true },
    discount: { ...money, required: true },
    total: { ...money, required: true },
    refunded: { ...money, required: true },
    /**
     * Minor units refunded or reserved by a refund in flight: `refunded.amount`
     * plus every open reservation. A refund reserves with `ADD` conditioned on
     * `refundClaimed <= total - amount`, so concurrent refunds can never
     * promise more than was paid. Absent on orders never refunded since it existed.
     */
    refundClaimed: { type: 'number' },
    voucherId: { type: 'string' },
    voucherCode: { type: 'string' },
    promoterCode: { type: 'string' },
    /** The promoter attribution and commission terms frozen at sale (events/catalog.ts `promoterAttribution`). */
    promoter: { type: 'any' },
    /** The campaign recipient token (`?rt=`) the buyer came with, verified by the attribution consumer. */
    campaignToken: { type: 'string' },
    /** UTM parameters given at checkout, and the first/last touch attribution (events/catalog/shapes.ts `utmSchema`, `touchSchema`). */
    utm: { type: 'any' },
    attribution: { type: 'any' },
    /** The buyer's explicit marketing consent at checkout, with the checkout request's proof; recorded as a consent when paid. */
    marketingConsent: {
      type: 'map',
      properties: { at: { type: 'string', required: true }, ip: { type: 'string' }, userAgent: { type: 'string' } },
    },
    allocations: { ...allocation, required: true },
    /** Seats of the seat map the order holds or owns; each seat item names the order (packages/features/seating). */
    seats: {
      type: 'list',
      items: { type: 'map', properties: { sectionId: { type: 'string', required: true }, seatGuid: { type: 'string', required: true } } },
    },
    expiresAt: { type: 'string', required: true },
    paymentIntentId: { type: 'string' },
    paymentStatus: { type: 'string' },
    paymentFailure: { type: 'string' },
    /** Signed Stripe events that named this order but did not fit it (other intent, short amount, other currency, bad refund); at most 10 kept. */
    paymentAnomalies: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          at: { type: 'string', required: true },
          reason: { type: 'string', required: true },
          stripeEventId: { type: 'string', required: true },
          eventType: { type: 'string', required: true },
          paymentIntentId: { type: 'string' },
          refundId: { type: 'string' },
          amount: money,
        },
      },
    },
    paidAt: { type: 'string' },
    canceledAt: { type: 'string' },
    expiredAt: { type: 'string' },
    refundedAt: { type: 'string' },
    /** Set when a payment arrived for an order that could no longer be fulfilled and was refunded automatically. */
    lateRefundId: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['eventId'] },
      sk: { field: 'gsi1sk', composite: ['orderId'] },
    },
    /** Sparse: only orders that have a PaymentIntent; finds the order of a Stripe charge. */
    byPaymentIntent: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['paymentIntentId'] },
      sk: { field: 'gsi3sk', composite: [] },
      condition: (attr: { paymentIntentId?: string }) => attr.paymentIntentId !== undefined,
    },
    /** Sparse: orders written since buyerEmail exists; erasure (packages/features/erasure). */
    byBuyerEmail: {
      index: 'gsi4',
      pk: { field: 'gsi4pk', composite: ['buyerEmail'] },
      sk: { field: 'gsi4sk', composite: ['orderId'] },
      condition: (attr: { buyerEmail?: string }) => attr.buyerEmail !== undefined,
    },
    byEventStatus: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['eventId', 'status'] },
      sk: { field: 'gsi2sk', composite: ['orderId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const orderEntity: Db['entities']['order'];
