import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

/**
 * A booking of a VIP table, with the table's terms frozen at booking time.
 * Every transition is an update conditioned on the state it leaves, so a
 * retried or concurrent one (two no-shows, a cancel racing an arrival)
 * happens once.
 */
export const tableBookingSchema = {
  model: { entity: 'tableBooking', version: '1', service: SERVICE },
  attributes: {
    bookingId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    tableId: { type: 'string', required: true, readOnly: true },
    status: { type: ['requested', 'approved', 'deposit_paid', 'arrived', 'settled', 'no_show', 'canceled'] as const, required: true },
    partySize: { type: 'number', required: true },
    booker: {
      type: 'map',
      required: true,
      properties: { name: { type: 'string', required: true }, email: { type: 'string', required: true }, phone: { type: 'string' } },
    },
    minimumSpend: { ...money, required: true },
    deposit: { ...money, required: true },
    refundableUntil: { type: 'string', required: true },
    arrivalCutoff: { type: 'string', required: true },
    depositPaymentIntentId: { type: 'string' },
    depositPaidAt: { type: 'string' },
    /** The deposit the venue kept (no-show, or canceled after the refundable time); written once, with the transition. */
    depositKept: money,
    depositRefundId: { type: 'string' },
    /** Minor units spent at the bar, in the minimum spend's currency; grows by ADD. */
    spend: { type: 'number', required: true, default: 0 },
    shortfall: money,
    approvedAt: { type: 'string' },
    arrivedAt: { type: 'string' },
    settledAt: { type: 'string' },
    noShowAt: { type: 'string' },
    canceledAt: { type: 'string' },
    /** The promoter who brought the booking and its `table` commission terms, frozen at booking (events/catalog.ts `promoterAttribution`). */
    promoter: { type: 'any' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['bookingId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['eventId'] }, sk: { field: 'gsi1sk', composite: ['bookingId'] } },
    /**
     * Sparse: the bookings a no-show may still close (approved, deposit_paid) by
     * arrival cut-off, for the no-show job. A transition that sets `status`
     * also sets `arrivalCutoff` (unchanged) so ElectroDB can re-evaluate the
     * condition and drop the keys once the booking leaves those states.
     */
    openByCutoff: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['arrivalCutoff', 'bookingId'] },
      condition: (attr: { status?: string }) => attr.status === 'approved' || attr.status === 'deposit_paid',
    },
  },
} as const;

export declare const tableBookingEntity: Db['entities']['tableBooking'];
