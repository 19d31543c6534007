import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One change of a contact's consent to one purpose, kept as evidence (GDPR
 * art. 7(1): the controller must be able to show consent, and its
 * withdrawal): what, on which legal basis, how, with which proof, when.
 * Append-only: nothing updates or deletes one (an erasure only pseudonymises
 * its ip and user agent). The current state per purpose is the consentState
 * item written in the same transaction; `marketing_email` is also mirrored on
 * the contact (`marketingConsent`), which campaigns read.
 *
 * `kind`, `granted` and `source` are the first version's fields, still written
 * by unsubscribes and complaints; `purpose`, `state` and `method` say the same
 * for every record (packages/features/consents).
 */
export const consentRecordSchema = {
  model: { entity: 'consentRecord', version: '1', service: SERVICE },
  attributes: {
    recordId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['marketing'] as const, readOnly: true },
    granted: { type: 'boolean', readOnly: true },
    /** `one_click` (RFC 8058 POST from the mail client), `link` (the confirmation page), `complaint` (marked as spam). */
    source: { type: ['one_click', 'link', 'complaint'] as const, readOnly: true },
    /** The tenant's purpose id (`marketing_email`, `sms`, `exhibitor_sharing`, `photography`, …). */
    purpose: { type: 'string', readOnly: true },
    state: { type: ['granted', 'withdrawn', 'pending'] as const, readOnly: true },
    legalBasis: { type: 'string', readOnly: true },
    /** form, checkout, import, api, admin, unsubscribe, complaint, preferences, erasure. */
    method: { type: 'string', readOnly: true },
    /** SHA-256 (hex) of the exact text the person was shown; the text itself is a consentText item. */
    textHash: { type: 'string', readOnly: true },
    /** Of the person's request (the form post, the checkout), as the caller saw it. */
    ip: { type: 'string' },
    userAgent: { type: 'string' },
    /** Double opt-in: the pending record this confirmation answers, and the confirmation's own proof. */
    requestRecordId: { type: 'string', readOnly: true },
    confirmedIp: { type: 'string' },
    confirmedUserAgent: { type: 'string' },
    importId: { type: 'string', readOnly: true },
    orderId: { type: 'string', readOnly: true },
    actorId: { type: 'string', readOnly: true },
    campaignId: { type: 'string', readOnly: true },
    /** The SES message a complaint was about. */
    messageId: { type: 'string', readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    ...timestamps,
  },
  indexes: {
    byContact: {
      pk: { field: 'pk', composite: ['contactId'] },
      sk: { field: 'sk', composite: ['at', 'recordId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const consentRecordEntity: Db['entities']['consentRecord'];
