import * as z from 'zod/mini';
import { IsoDateTime, Money, Timestamps, Ulid, timesInOrder } from '#packages/core/common-schemas.ts';

export const VoucherCode = z.string().check(z.trim(), z.toUpperCase(), z.regex(/^[A-Z0-9_-]{3,64}$/, 'letters, digits, - and _ (3–64)'));

export const CreateVoucher = z
  .object({
    code: VoucherCode,
    kind: z.enum(['percent', 'fixed', 'free']),
    percent: z.optional(z.int().check(z.minimum(1), z.maximum(100))),
    amountOff: z.optional(Money),
    maxUsages: z.int().check(z.minimum(1), z.maximum(1_000_000)),
    validFrom: z.optional(IsoDateTime),
    validUntil: z.optional(IsoDateTime),
    ticketTypeIds: z.optional(z.array(Ulid).check(z.maxLength(50))),
    /** Seats of one ticket type set aside for this voucher's holders (pretix's block_quota). */
    blockedSeats: z.optional(z.int().check(z.minimum(1))),
    blockedTicketTypeId: z.optional(Ulid),
  })
  .check(
    timesInOrder('validFrom', 'validUntil'),
    z.refine((v) => v.kind !== 'percent' || v.percent !== undefined, { message: 'a percent voucher needs percent', path: ['percent'] }),
    z.refine((v) => v.kind !== 'fixed' || v.amountOff !== undefined, { message: 'a fixed voucher needs amountOff', path: ['amountOff'] }),
    z.refine((v) => (v.blockedSeats === undefined) === (v.blockedTicketTypeId === undefined), {
      message: 'blockedSeats and blockedTicketTypeId go together',
      path: ['blockedTicketTypeId'],
    }),
  )
  .register(z.globalRegistry, { id: 'CreateVoucher' });

export const Voucher = z
  .object({
    id: Ulid,
    eventId: Ulid,
    code: z.string(),
    kind: z.enum(['percent', 'fixed', 'free']),
    percent: z.optional(z.int()),
    amountOff: z.optional(Money),
    maxUsages: z.int(),
    remainingUsages: z.int(),
    validFrom: z.optional(IsoDateTime),
    validUntil: z.optional(IsoDateTime),
    ticketTypeIds: z.optional(z.array(Ulid)),
    blockedSeats: z.optional(z.int()),
    blockedTicketTypeId: z.optional(Ulid),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Voucher' });

export const VoucherParams = z.object({ id: Ulid, code: VoucherCode });

export type CreateVoucherInput = z.infer<typeof CreateVoucher>;
export type VoucherView = z.infer<typeof Voucher>;
