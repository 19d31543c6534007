import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One change of a contact's consent, kept as evidence (GDPR art. 7(1): the
 * controller must be able to show consent, and its withdrawal): what, how,
 * from which campaign's mail, when. Append-only; the contact carries the
 * current state (`marketingConsent`).
 */
export const consentRecordSchema = {
  model: { entity: 'consentRecord', version: '1', service: SERVICE },
  attributes: {
    recordId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['marketing'] as const, required: true, readOnly: true },
    granted: { type: 'boolean', required: true, readOnly: true },
    /** `one_click` (RFC 8058 POST from the mail client), `link` (the confirmation page), `complaint` (marked as spam). */
    source: { type: ['one_click', 'link', 'complaint'] as const, required: true, readOnly: true },
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
