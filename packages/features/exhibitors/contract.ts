import * as z from 'zod/mini';
import { IsoDateTime, Money, Ulid } from '#packages/core/common-schemas.ts';
import { SeatGuid } from '#packages/features/seating/contract.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
/** A lead's id: a keyed hash of (exhibitor, ticket), 26 Crockford base32 characters. */
export const LeadId = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be a lead id'));

export const BoothParams = z.object({ id: Ulid, boothGuid: SeatGuid });
export const ExhibitorParams = z.object({ id: Ulid, exhibitorId: Ulid });
export const LeadParams = z.object({ id: Ulid, exhibitorId: Ulid, leadId: LeadId });

export const PutBoothOnSale = z.object({ price: Money }).register(z.globalRegistry, { id: 'PutBoothOnSale' });

export const Booth = z
  .object({
    eventId: Ulid,
    boothGuid: z.string(),
    name: z.string(),
    position: z.object({ x: z.number(), y: z.number() }),
    size: z.object({ width: z.number(), height: z.number() }),
    price: Money,
    state: z.enum(['available', 'booked']),
    exhibitorId: z.optional(Ulid),
    bookedAt: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'Booth' });

export const BookBooth = z.object({ exhibitorId: Ulid }).register(z.globalRegistry, { id: 'BookBooth' });

const Link = z.object({ label: Text(100), url: z.url().check(z.maxLength(500)) });
const LeadQuestion = z.object({
  id: z.string().check(z.regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and -')),
  label: Text(200),
  options: z.optional(z.array(Text(100)).check(z.minLength(1), z.maxLength(20))),
});

const Profile = {
  name: Text(200),
  description: z.optional(z.string().check(z.trim(), z.maxLength(5000))),
  products: z.optional(z.array(Text(200)).check(z.maxLength(50))),
  links: z.optional(z.array(Link).check(z.maxLength(20))),
  /** The exhibitor's own questions its staff qualify leads with. */
  leadQuestions: z.optional(z.array(LeadQuestion).check(z.maxLength(20))),
};

export const CreateExhibitor = z
  .object({
    ...Profile,
    companyId: z.optional(Ulid),
    sponsorshipId: z.optional(Ulid),
    /** Lead-scanner seats its package grants (default 2 without a sponsorship); a sponsor's exhibitor gets its tier's on top. */
    leadScannerSeats: z.optional(z.int().check(z.minimum(0), z.maximum(200))),
  })
  .register(z.globalRegistry, { id: 'CreateExhibitor' });
export const UpdateExhibitor = z.partial(z.object(Profile)).register(z.globalRegistry, { id: 'UpdateExhibitor' });

export const Exhibitor = z
  .object({
    id: Ulid,
    eventId: Ulid,
    name: z.string(),
    companyId: z.optional(Ulid),
    sponsorshipId: z.optional(Ulid),
    description: z.optional(z.string()),
    products: z.optional(z.array(z.string())),
    links: z.optional(z.array(Link)),
    leadQuestions: z.optional(z.array(LeadQuestion)),
    boothGuid: z.optional(z.string()),
    /** Its booth's price and who is billed for it (the sponsorship's invoice, or the exhibitor). */
    boothCharge: z.optional(z.object({ amount: z.int(), currency: z.string(), billedTo: z.enum(['sponsorship', 'exhibitor']) })),
    boothInvoice: z.optional(z.object({ number: z.string(), amount: z.int(), currency: z.string(), issuedAt: IsoDateTime, dueDate: z.optional(z.string()) })),
    boothPayment: z.optional(
      z.object({ method: z.string(), reference: z.string(), amount: z.int(), currency: z.string(), receivedOn: z.string(), recordedAt: IsoDateTime, recordedBy: z.string() }),
    ),
    leadScannerSeats: z.int(),
    staffCount: z.int(),
  })
  .register(z.globalRegistry, { id: 'Exhibitor' });

export const PublicExhibitor = z
  .object({
    id: Ulid,
    name: z.string(),
    description: z.optional(z.string()),
    products: z.optional(z.array(z.string())),
    links: z.optional(z.array(Link)),
    booth: z.optional(z.object({ boothGuid: z.string(), name: z.string(), position: z.object({ x: z.number(), y: z.number() }), size: z.object({ width: z.number(), height: z.number() }) })),
  })
  .register(z.globalRegistry, { id: 'PublicExhibitor' });

export const AddExhibitorStaff = z.object({ userId: z.string().check(z.minLength(1), z.maxLength(128)) }).register(z.globalRegistry, { id: 'AddExhibitorStaff' });
export const StaffParams = z.object({ id: Ulid, exhibitorId: Ulid, userId: z.string().check(z.minLength(1), z.maxLength(128)) });
export const ExhibitorStaff = z.object({ exhibitorId: Ulid, userId: z.string(), eventId: Ulid }).register(z.globalRegistry, { id: 'ExhibitorStaff' });

export const ScanBadge = z.object({ code: z.string().check(z.minLength(1), z.maxLength(200)) }).register(z.globalRegistry, { id: 'ScanBadge' });

export const Lead = z
  .object({
    id: LeadId,
    exhibitorId: Ulid,
    eventId: Ulid,
    /** The attendee agreed to share their details with exhibitors; without it the lead is the anonymous id alone. */
    shared: z.boolean(),
    firstName: z.optional(z.string()),
    lastName: z.optional(z.string()),
    email: z.optional(z.string()),
    company: z.optional(z.string()),
    jobTitle: z.optional(z.string()),
    rating: z.optional(z.int()),
    notes: z.optional(z.string()),
    answers: z.optional(z.record(z.string(), z.string())),
    scanCount: z.int(),
    lastScannedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'ExhibitorLead' });

export const QualifyLead = z
  .object({
    rating: z.optional(z.int().check(z.minimum(1), z.maximum(5))),
    notes: z.optional(z.string().check(z.maxLength(5000))),
    answers: z.optional(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(1000)))),
  })
  .register(z.globalRegistry, { id: 'QualifyLead' });

export const BoothTraffic = z
  .object({ eventId: Ulid, items: z.array(z.object({ hour: z.string(), boothGuid: z.string(), exhibitorId: z.optional(z.string()), visits: z.int() })) })
  .register(z.globalRegistry, { id: 'BoothTraffic' });

export const LeadSharingBody = z.object({ share: z.boolean() }).register(z.globalRegistry, { id: 'LeadSharing' });
export const LeadSharingView = z.object({ ticketId: Ulid, share: z.boolean() }).register(z.globalRegistry, { id: 'LeadSharingState' });
export const TokenParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)) });

export type CreateExhibitorInput = z.infer<typeof CreateExhibitor>;
export type UpdateExhibitorInput = z.infer<typeof UpdateExhibitor>;
export type ExhibitorView = z.infer<typeof Exhibitor>;
export type LeadView = z.infer<typeof Lead>;
export type QualifyLeadInput = z.infer<typeof QualifyLead>;
export type BoothView = z.infer<typeof Booth>;
export type PublicExhibitorView = z.infer<typeof PublicExhibitor>;
