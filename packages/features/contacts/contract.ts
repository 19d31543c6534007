import * as z from 'zod/mini';
import { PHONE_RULE, toE164 } from '#packages/core/phone.ts';
import { Email, IsoDateTime, ListQuery, Money, Revision, Timestamps, Ulid } from '#packages/core/common-schemas.ts';
import { PredictedLifetimeValue } from '#packages/features/lifetime-value/contract.ts';

// Kept for importers written before Email moved to the common schemas; new code imports it from there.
export { Email };

/**
 * Refused unless it can be written in E.164 (contacts/phone.ts); the service
 * stores it normalized (`+34 612 34 56 78` → `+34612345678`).
 */
const Phone = z.string().check(
  z.trim(),
  z.maxLength(32),
  z.refine((v) => toE164(v) !== undefined, PHONE_RULE),
);

/** Tags and lead sources are machine words: trimmed and lower-cased, so `VIP` and `vip` are one tag. */
const Word = z.string().check(z.trim(), z.toLowerCase(), z.minLength(1), z.maxLength(50));

/**
 * At most 40 tags: changing every tag of a contact writes one item per
 * removed and per added tag, and all of it must fit in one transaction (100 items).
 */
export const MAX_TAGS = 40;

const contactFields = {
  /** Optional when a phone is given (a contact known by phone only); one of the two is required (else 422 `email_or_phone_required`). */
  email: z.optional(Email),
  firstName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  lastName: z.optional(z.string().check(z.trim(), z.maxLength(100))),
  phone: z.optional(Phone),
  leadSource: z.optional(Word),
  /** Must name an existing company (else 422 `company_not_found`). */
  companyId: z.optional(Ulid),
  tags: z.optional(z.array(Word).check(z.maxLength(MAX_TAGS))),
  marketingConsent: z.optional(z.boolean()),
};

export const CreateContact = z.object(contactFields).register(z.globalRegistry, { id: 'CreateContact' });

/** `null` clears phone, leadSource or companyId. */
export const UpdateContact = z
  .object({
    email: z.optional(Email),
    firstName: contactFields.firstName,
    lastName: contactFields.lastName,
    phone: z.optional(z.nullable(Phone)),
    leadSource: z.optional(z.nullable(Word)),
    companyId: z.optional(z.nullable(Ulid)),
    tags: contactFields.tags,
    marketingConsent: contactFields.marketingConsent,
  })
  .register(z.globalRegistry, { id: 'UpdateContact' });

export const Contact = z
  .object({
    id: Ulid,
    /** Absent on a contact known by phone only (never mailed). */
    email: z.optional(z.string()),
    firstName: z.optional(z.string()),
    lastName: z.optional(z.string()),
    /** E.164. */
    phone: z.optional(z.string()),
    leadSource: z.optional(z.string()),
    companyId: z.optional(Ulid),
    tags: z.array(z.string()),
    marketingConsent: z.optional(z.boolean()),
    marketingConsentAt: z.optional(IsoDateTime),
    /** `trashed`: in the trash (`POST /v1/contacts/{id}/restore` brings it back). */
    state: z.enum(['active', 'trashed']),
    trashedAt: z.optional(IsoDateTime),
    /** Kept by the system (attendance, email engagement); read-only. */
    engagementScore: z.int(),
    leadStatus: z.optional(z.string()),
    emailStatus: z.optional(z.enum(['valid', 'invalid'])),
    createdBy: z.optional(z.string()),
    ordersCount: z.int(),
    lifetimeValue: z.nullable(Money),
    /** The nightly lifetime-value job's figures (packages/features/lifetime-value); null before its first run. */
    predictedLifetimeValue: z.nullable(PredictedLifetimeValue),
    lastPurchaseAt: z.optional(IsoDateTime),
    lastSeenAt: z.optional(IsoDateTime),
    eventsAttended: z.int(),
    ...Timestamps,
    ...Revision,
  })
  .register(z.globalRegistry, { id: 'Contact' });

export const CONTACT_SORTS = ['createdAt', '-createdAt', 'engagementScore', '-engagementScore'] as const;

const Score = z.coerce.number().check(z.int(), z.minimum(0), z.maximum(9_999_999));

/**
 * Filters combine with AND. One index drives the query (see
 * docs/access-patterns.md, "Contacts and companies"); the others filter what it reads.
 */
export const ContactListQuery = z
  .extend(ListQuery, {
    email: z.optional(Email),
    companyId: z.optional(Ulid),
    tag: z.optional(Word),
    leadSource: z.optional(Word),
    minScore: z.optional(Score),
    maxScore: z.optional(Score),
    attendedEventId: z.optional(Ulid),
    sort: z.optional(z.enum(CONTACT_SORTS)),
  })
  .check(
    z.refine((q) => q.minScore === undefined || q.maxScore === undefined || q.minScore <= q.maxScore, {
      message: 'must not be below minScore',
      path: ['maxScore'],
    }),
  );

export const TrashListQuery = ListQuery;

export type CreateContactInput = z.infer<typeof CreateContact>;
export type UpdateContactInput = z.infer<typeof UpdateContact>;
export type ContactView = z.infer<typeof Contact>;
export type ContactFilter = z.infer<typeof ContactListQuery>;
