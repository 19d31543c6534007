import * as z from 'zod/mini';
import { Email, IsoDateTime, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

const Deposit = z.object({
  kind: z.enum(['fixed', 'percent']),
  /** `fixed`: the deposit itself (its currency must be the minimum spend's). */
  amount: z.optional(Money),
  /** `percent`: whole percent of the minimum spend. */
  percent: z.optional(z.int().check(z.minimum(0), z.maximum(100))),
});

export const CreateTable = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    /** The table on the event's seat map, when there is one. */
    tableGuid: z.optional(z.string().check(z.maxLength(100))),
    minParty: z.int().check(z.minimum(1), z.maximum(100)),
    maxParty: z.int().check(z.minimum(1), z.maximum(100)),
    minimumSpend: Money,
    deposit: Deposit,
    /** Until when a canceled booking gets its deposit back. */
    refundableUntil: IsoDateTime,
    /** Arrivals after this are refused, and the booking can be marked a no-show. */
    arrivalCutoff: IsoDateTime,
    requiresApproval: z._default(z.boolean(), false),
  })
  .check(
    z.refine((v) => v.minParty <= v.maxParty, { message: 'must be at least minParty', path: ['maxParty'] }),
    z.refine((v) => (v.deposit.kind === 'fixed' ? v.deposit.amount !== undefined && v.deposit.percent === undefined : v.deposit.percent !== undefined && v.deposit.amount === undefined), {
      message: 'a fixed deposit gives amount, a percent deposit gives percent',
      path: ['deposit'],
    }),
  )
  .register(z.globalRegistry, { id: 'CreateTable' });

export const VipTable = z
  .object({
    id: Ulid,
    eventId: Ulid,
    name: z.string(),
    tableGuid: z.optional(z.string()),
    minParty: z.int(),
    maxParty: z.int(),
    minimumSpend: Money,
    deposit: Deposit,
    refundableUntil: IsoDateTime,
    arrivalCutoff: IsoDateTime,
    requiresApproval: z.boolean(),
    /** False while a booking holds it. */
    available: z.boolean(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'VipTable' });

export const TableParams = z.object({ id: Ulid });

export const CreateTableBooking = z
  .object({
    eventId: Ulid,
    tableId: Ulid,
    partySize: z.int().check(z.minimum(1), z.maximum(100)),
    booker: z.object({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
      email: Email,
      phone: z.optional(z.string().check(z.trim(), z.maxLength(32))),
    }),
    /** The promoter who brought the booking (an unknown or inactive code is 422 `promoter_unknown`); earns its plan's `table` rules. */
    promoterCode: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(64))),
    /** Or the click token of the promoter link the booker followed (the last within 30 days). */
    promoterToken: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(128))),
  })
  .register(z.globalRegistry, { id: 'CreateTableBooking' });

export const BookingStatus = z.enum(['requested', 'approved', 'deposit_paid', 'arrived', 'settled', 'no_show', 'canceled']);

export const TableBooking = z
  .object({
    id: Ulid,
    eventId: Ulid,
    tableId: Ulid,
    status: BookingStatus,
    partySize: z.int(),
    booker: z.object({ name: z.string(), email: z.string(), phone: z.optional(z.string()) }),
    minimumSpend: Money,
    deposit: Money,
    refundableUntil: IsoDateTime,
    arrivalCutoff: IsoDateTime,
    spend: Money,
    depositPaymentIntentId: z.optional(z.string()),
    depositPaidAt: z.optional(IsoDateTime),
    depositKept: z.optional(Money),
    depositRefundId: z.optional(z.string()),
    /** At settlement: max(0, minimum spend − spend − deposit), to collect from the booker. */
    shortfall: z.optional(Money),
    approvedAt: z.optional(IsoDateTime),
    arrivedAt: z.optional(IsoDateTime),
    settledAt: z.optional(IsoDateTime),
    noShowAt: z.optional(IsoDateTime),
    canceledAt: z.optional(IsoDateTime),
    /** The attributed promoter's code. */
    promoterCode: z.optional(z.string()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'TableBooking' });

export const DepositIntent = z
  .object({ bookingId: Ulid, amount: Money, paymentIntentId: z.string(), clientSecret: z.string() })
  .register(z.globalRegistry, { id: 'TableDepositIntent' });

export const RecordSpend = z
  .object({ amount: Money, note: z.optional(z.string().check(z.maxLength(200))) })
  .check(z.refine((v) => v.amount.amount > 0, { message: 'must be positive', path: ['amount', 'amount'] }))
  .register(z.globalRegistry, { id: 'RecordTableSpend' });

export type CreateTableInput = z.infer<typeof CreateTable>;
export type VipTableView = z.infer<typeof VipTable>;
export type CreateTableBookingInput = z.infer<typeof CreateTableBooking>;
export type TableBookingView = z.infer<typeof TableBooking>;
