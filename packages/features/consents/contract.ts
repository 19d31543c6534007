import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const PurposeId = z.string().check(z.regex(/^[a-z][a-z0-9_]{1,47}$/, 'must be a lower-case word such as marketing_email'));
export const ConsentState = z.enum(['granted', 'withdrawn', 'pending']);
export const LegalBasis = z.enum(['consent', 'contract', 'legitimate_interest', 'legal_obligation', 'vital_interest', 'public_task']);
/** How the person told us. `unsubscribe`, `complaint` and `preferences` are written by those flows, never given. */
export const ConsentMethod = z.enum(['form', 'checkout', 'import', 'api', 'admin']);

export const PurposeParams = z.object({ purposeId: PurposeId });
export const ContactPurposeParams = z.object({ id: Ulid, purposeId: PurposeId });

export const PutConsentPurpose = z
  .object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
    text: z.string().check(z.trim(), z.minLength(1), z.maxLength(2000)),
    channel: z.enum(['email', 'sms', 'none']),
  })
  .register(z.globalRegistry, { id: 'PutConsentPurpose' });
export type PutConsentPurposeInput = z.infer<typeof PutConsentPurpose>;

export const ConsentPurpose = z
  .object({
    id: PurposeId,
    name: z.string(),
    text: z.string(),
    textHash: z.string(),
    channel: z.enum(['email', 'sms', 'none']),
    builtIn: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'ConsentPurpose' });
export type ConsentPurposeView = z.infer<typeof ConsentPurpose>;

/** What the person's own request carried (a form post, a checkout), when the caller relays it; else the API call's own. */
const Subject = z.object({
  ip: z.optional(z.string().check(z.maxLength(64))),
  userAgent: z.optional(z.string().check(z.maxLength(512))),
});

export const RecordConsent = z
  .object({
    purpose: PurposeId,
    state: z.enum(['granted', 'withdrawn']),
    legalBasis: z._default(LegalBasis, 'consent'),
    method: z._default(ConsentMethod, 'api'),
    /** The exact text shown; the purpose's current text when absent. Only its hash goes on the record. */
    text: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
    subject: z.optional(Subject),
  })
  .register(z.globalRegistry, { id: 'RecordConsent' });
export type RecordConsentInput = z.infer<typeof RecordConsent>;

export const RequestOptIn = z
  .object({
    method: z._default(ConsentMethod, 'form'),
    text: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))),
    subject: z.optional(Subject),
  })
  .register(z.globalRegistry, { id: 'RequestOptIn' });
export type RequestOptInInput = z.infer<typeof RequestOptIn>;

export const ConsentRecordView = z
  .object({
    id: z.string(),
    purpose: z.string(),
    state: ConsentState,
    legalBasis: z.optional(z.string()),
    method: z.optional(z.string()),
    textHash: z.optional(z.string()),
    ip: z.optional(z.string()),
    userAgent: z.optional(z.string()),
    requestRecordId: z.optional(z.string()),
    confirmedIp: z.optional(z.string()),
    confirmedUserAgent: z.optional(z.string()),
    campaignId: z.optional(z.string()),
    importId: z.optional(z.string()),
    orderId: z.optional(z.string()),
    at: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'ConsentRecord' });
export type ConsentRecordViewT = z.infer<typeof ConsentRecordView>;

export const ContactConsents = z
  .object({
    contactId: Ulid,
    current: z.array(z.object({ purpose: z.string(), state: ConsentState, legalBasis: z.optional(z.string()), method: z.optional(z.string()), at: IsoDateTime })),
    records: z.array(ConsentRecordView),
  })
  .register(z.globalRegistry, { id: 'ContactConsents' });

export const OptInRequested = z.object({ recordId: z.string(), state: z.literal('pending') }).register(z.globalRegistry, { id: 'OptInRequested' });
export const TokenParams = z.object({ token: z.string().check(z.minLength(1), z.maxLength(512)) });
