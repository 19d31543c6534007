import * as z from 'zod/mini';
import { Currency, Email, IsoDateTime, ListQuery, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';

/** Upper-cased on the way in; letters, digits, `-` and `_`. */
export const PromoterCode = z
  .string()
  .check(z.trim(), z.minLength(2), z.maxLength(32), z.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'), z.toUpperCase());

export const CreatePromoter = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    email: Email,
    phone: z.optional(z.string().check(z.trim(), z.minLength(5), z.maxLength(32))),
    /** The user (role `promoter`) who signs in as this promoter. */
    userId: z.string().check(z.minLength(1), z.maxLength(128)),
    code: PromoterCode,
    leaderId: z.optional(Ulid),
    planId: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'CreatePromoter' });

/** The code is immutable: not here. */
export const UpdatePromoter = z
  .object({
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    phone: z.optional(z.string().check(z.trim(), z.minLength(5), z.maxLength(32))),
    leaderId: z.optional(z.nullable(Ulid)),
    planId: z.optional(z.nullable(Ulid)),
    status: z.optional(z.enum(['active', 'inactive'])),
  })
  .register(z.globalRegistry, { id: 'UpdatePromoter' });

export const Promoter = z
  .object({
    id: Ulid,
    code: z.string(),
    name: z.string(),
    email: z.string(),
    phone: z.optional(z.string()),
    userId: z.string(),
    contactId: z.optional(z.string()),
    leaderId: z.optional(z.string()),
    planId: z.optional(z.string()),
    status: z.enum(['active', 'inactive']),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Promoter' });

export const MyPromoter = z
  .object({ promoter: Promoter, team: z.array(Promoter) })
  .register(z.globalRegistry, { id: 'MyPromoter' });

const CommissionRuleInput = z
  .object({
    ruleId: z.optional(z.string().check(z.regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, - and _'))),
    scope: z.enum(['ticket_type', 'table', 'guest_list']),
    basis: z.enum(['fixed_per_ticket', 'percent_of_net', 'per_check_in']),
    /** Scope `ticket_type`: the types it applies to; empty or absent = all. */
    ticketTypeIds: z.optional(z.array(Ulid).check(z.maxLength(50))),
    /** `percent_of_net`: basis points (1000 = 10 %). */
    rateBps: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
    /** `fixed_per_ticket` and `per_check_in`: minor units. */
    amount: z.optional(Money),
  })
  .check(
    z.refine((r) => (r.basis === 'percent_of_net' ? r.rateBps !== undefined : r.amount !== undefined), {
      message: 'percent_of_net needs rateBps; fixed_per_ticket and per_check_in need amount',
    }),
  );

export const CreateCommissionPlan = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
    /** Days after the event ends before its lines are approved (the refund window). */
    holdDays: z._default(z.int().check(z.minimum(0), z.maximum(365)), 7),
    rules: z.array(CommissionRuleInput).check(z.minLength(1), z.maxLength(20)),
    /** A team leader's override on each sale of a team member: basis points of the order's net. */
    leaderOverrideBps: z.optional(z.int().check(z.minimum(1), z.maximum(10_000))),
  })
  .register(z.globalRegistry, { id: 'CreateCommissionPlan' });

export const CommissionPlan = z
  .object({
    id: Ulid,
    name: z.string(),
    holdDays: z.int(),
    rules: z.array(
      z.object({
        ruleId: z.string(),
        scope: z.string(),
        basis: z.string(),
        ticketTypeIds: z.optional(z.array(z.string())),
        rateBps: z.optional(z.int()),
        amount: z.optional(z.int()),
        currency: z.optional(z.string()),
      }),
    ),
    leaderOverrideBps: z.optional(z.int()),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'CommissionPlan' });

export const CreateLink = z
  .object({
    eventId: Ulid,
    /** Promoter-only ticket types this link unlocks. */
    ticketTypeIds: z.optional(z.array(Ulid).check(z.maxLength(20))),
    /** Sign-ups through the link land on this guest list tier. */
    guestListId: z.optional(Ulid),
    tierId: z.optional(z.string().check(z.minLength(1), z.maxLength(32))),
    targetUrl: z.optional(z.url({ protocol: /^https?$/ })),
  })
  .check(z.refine((l) => (l.guestListId === undefined) === (l.tierId === undefined), { message: 'give guestListId and tierId together' }))
  .register(z.globalRegistry, { id: 'CreateLink' });

export const PromoterLink = z
  .object({
    slug: z.string(),
    promoterId: Ulid,
    eventId: Ulid,
    ticketTypeIds: z.optional(z.array(z.string())),
    guestListId: z.optional(z.string()),
    tierId: z.optional(z.string()),
    targetUrl: z.optional(z.string()),
    /** The public click address. */
    clickPath: z.string(),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'PromoterLink' });

export const SlugParams = z.object({ slug: z.string().check(z.regex(/^[A-Za-z0-9]{6,40}$/, 'not a link')) });

export const Click = z
  .object({
    /** Give it to POST /v1/events/{id}/orders as `promoterToken`; valid 30 days from the click (the server's clock). */
    token: z.string(),
    promoterCode: z.string(),
    eventId: Ulid,
    clickedAt: IsoDateTime,
    expiresAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'PromoterClick' });

export const PromoterOrder = z
  .object({
    orderId: Ulid,
    promoterId: Ulid,
    eventId: Ulid,
    source: z.string(),
    total: Money,
    admissions: z.int(),
    paidAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'PromoterOrder' });

export const CommissionLine = z
  .object({
    lineId: z.string(),
    promoterId: Ulid,
    eventId: Ulid,
    orderId: z.optional(z.string()),
    guestId: z.optional(z.string()),
    /** A VIP table booking's line (`table` rules). */
    bookingId: z.optional(z.string()),
    ruleId: z.string(),
    kind: z.string(),
    cause: z.string(),
    /** Signed minor units: refunds are negative lines. */
    amount: z.int(),
    currency: Currency,
    status: z.enum(['pending', 'approved', 'paid']),
    approveAfter: IsoDateTime,
    payoutId: z.optional(z.string()),
    createdAt: IsoDateTime,
    approvedAt: z.optional(IsoDateTime),
    paidAt: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'CommissionLine' });

export const Payout = z
  .object({
    id: Ulid,
    promoterId: Ulid,
    lineIds: z.array(z.string()),
    amount: z.int(),
    currency: Currency,
    createdBy: z.string(),
    createdAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Payout' });

const Sums = z.object({ pending: z.int(), approved: z.int(), paid: z.int() });

export const PromoterFigures = z
  .object({
    promoterId: Ulid,
    eventId: Ulid,
    orders: z.int(),
    admissions: z.int(),
    /** Sum of the attributed orders' totals (before refunds), per currency. */
    sales: z.record(z.string(), z.int()),
    /** Commission by status, per currency; refunds included as negative lines. */
    commission: z.record(z.string(), Sums),
    guests: z.object({ added: z.int(), checkedIn: z.int() }),
  })
  .register(z.globalRegistry, { id: 'PromoterFigures' });

export const PromoterIdParams = z.object({ id: Ulid });
export const PayoutParams = z.object({ id: Ulid, payoutId: Ulid });
export const EventScopedQuery = z.extend(ListQuery, { eventId: z.optional(Ulid) });
export const FiguresQuery = z.object({ eventId: Ulid });

export type CreatePromoterInput = z.infer<typeof CreatePromoter>;
export type UpdatePromoterInput = z.infer<typeof UpdatePromoter>;
export type PromoterView = z.infer<typeof Promoter>;
export type CreateCommissionPlanInput = z.infer<typeof CreateCommissionPlan>;
export type CommissionPlanView = z.infer<typeof CommissionPlan>;
export type CreateLinkInput = z.infer<typeof CreateLink>;
export type PromoterLinkView = z.infer<typeof PromoterLink>;
export type ClickView = z.infer<typeof Click>;
export type CommissionLineView = z.infer<typeof CommissionLine>;
export type PayoutView = z.infer<typeof Payout>;
export type PromoterFiguresView = z.infer<typeof PromoterFigures>;
export type PromoterOrderView = z.infer<typeof PromoterOrder>;
