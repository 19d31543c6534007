import * as z from 'zod/mini';
import { IsoDateTime, Money, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { SPONSORSHIP_STATUSES } from '#packages/core/db/entities/sponsorship.ts';
import { AttendeeInput } from '#packages/features/attendees/contract.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const BenefitKind = z.enum(['booth', 'passes', 'logo', 'talk', 'lead_scanner', 'other']);

const TierBenefit = z.object({
  kind: BenefitKind,
  quantity: z._default(z.int().check(z.minimum(1), z.maximum(1000)), 1),
  description: Text(200),
  /** When it is owed, as days before the event starts (0: on the first day). */
  dueDaysBeforeEvent: z._default(z.int().check(z.minimum(0), z.maximum(365)), 0),
});

export const CreateSponsorTier = z
  .object({
    name: Text(100),
    price: Money,
    benefits: z.array(TierBenefit).check(z.maxLength(30)),
    /** The price-0 ticket type sponsor passes are issued on (make it promoter-only to keep it off public sale). */
    passTicketTypeId: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'CreateSponsorTier' });

export const SponsorTier = z
  .object({ id: Ulid, eventId: Ulid, name: z.string(), price: Money, benefits: z.array(TierBenefit), passTicketTypeId: z.optional(Ulid), ...Timestamps })
  .register(z.globalRegistry, { id: 'SponsorTier' });

export const SponsorshipStatus = z.enum(SPONSORSHIP_STATUSES);

export const CreateSponsorship = z
  .object({
    companyId: Ulid,
    tierId: Ulid,
    /** The pipeline its opportunity goes in (default: the default pipeline). */
    pipelineId: z.optional(Ulid),
    /** Who follows it up and owns its benefits' tasks (default: the caller). */
    ownerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
  })
  .register(z.globalRegistry, { id: 'CreateSponsorship' });

export const Benefit = z
  .object({
    id: Ulid,
    sponsorshipId: Ulid,
    kind: BenefitKind,
    description: z.string(),
    quantity: z.int(),
    dueAt: IsoDateTime,
    status: z.enum(['pending', 'delivered']),
    ownerId: z.string(),
    deliveredAt: z.optional(IsoDateTime),
    taskId: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'SponsorBenefit' });

export const Sponsorship = z
  .object({
    id: Ulid,
    eventId: Ulid,
    companyId: Ulid,
    tierId: Ulid,
    status: SponsorshipStatus,
    opportunityId: Ulid,
    ownerId: z.string(),
    amount: Money,
    passesAllowed: z.int(),
    passesIssued: z.int(),
    /** Booths its exhibitors booked before the invoice: each one's price is in `amount` (and the opportunity's). */
    booths: z.optional(z.array(z.object({ boothGuid: z.string(), exhibitorId: Ulid, amount: z.int(), currency: z.string() }))),
    signedAt: z.optional(IsoDateTime),
    invoice: z.optional(z.object({ number: z.string(), amount: z.int(), currency: z.string(), issuedAt: IsoDateTime, dueDate: z.optional(z.string()) })),
    payment: z.optional(
      z.object({ method: z.string(), reference: z.string(), amount: z.int(), currency: z.string(), receivedOn: z.string(), recordedAt: IsoDateTime, recordedBy: z.string() }),
    ),
    fulfilledAt: z.optional(IsoDateTime),
    benefits: z.optional(z.array(Benefit)),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Sponsorship' });

export const SponsorshipParams = z.object({ id: Ulid, sponsorshipId: Ulid });
export const BenefitParams = z.object({ id: Ulid, sponsorshipId: Ulid, benefitId: Ulid });

export const ChangeSponsorshipStatus = z.object({ status: SponsorshipStatus }).register(z.globalRegistry, { id: 'ChangeSponsorshipStatus' });

export const IssueInvoice = z
  .object({
    /** The number from the organiser's accounting (default: SP- and the sponsorship id's last ten characters). */
    number: z.optional(z.string().check(z.trim(), z.regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/, 'letters, digits, / _ . -, at most 40'))),
    dueDate: z.optional(z.iso.date()),
  })
  .register(z.globalRegistry, { id: 'IssueSponsorInvoice' });

export const RecordPayment = z
  .object({
    method: z.enum(['bank_transfer', 'manual']),
    /** The bank transfer's or receipt's reference. */
    reference: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    /** Must be the invoice's amount and currency exactly. */
    amount: Money,
    /** When the money arrived (default: today, UTC). */
    receivedOn: z.optional(z.iso.date()),
  })
  .register(z.globalRegistry, { id: 'RecordSponsorPayment' });

export const UpdateBenefit = z
  .object({ dueAt: z.optional(IsoDateTime), ownerId: z.optional(z.string().check(z.minLength(1), z.maxLength(128))) })
  .register(z.globalRegistry, { id: 'UpdateSponsorBenefit' });

export const IssuePass = z.extend(AttendeeInput, {}).register(z.globalRegistry, { id: 'IssueSponsorPass' });
export const SponsorPass = z
  .object({ sponsorshipId: Ulid, ticketId: Ulid, orderId: Ulid, email: z.string(), passesIssued: z.int(), passesAllowed: z.int() })
  .register(z.globalRegistry, { id: 'SponsorPass' });

export type IssueInvoiceInput = z.infer<typeof IssueInvoice>;
export type RecordPaymentInput = z.infer<typeof RecordPayment>;
export type CreateSponsorTierInput = z.infer<typeof CreateSponsorTier>;
export type CreateSponsorshipInput = z.infer<typeof CreateSponsorship>;
export type SponsorshipView = z.infer<typeof Sponsorship>;
export type BenefitView = z.infer<typeof Benefit>;
export type SponsorTierView = z.infer<typeof SponsorTier>;
export type SponsorshipStatusValue = z.infer<typeof SponsorshipStatus>;
