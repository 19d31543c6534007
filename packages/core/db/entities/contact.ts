import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const contactSchema = {
  model: { entity: 'contact', version: '1', service: SERVICE },
  attributes: {
    contactId: { type: 'string', required: true, readOnly: true },
    /**
     * Trimmed and lower-cased; unique through the contactEmail item. Absent on a
     * contact known only by phone (then unique through contactPhoneOwner).
     */
    email: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    /** E.164 when the number could be parsed, else as entered. */
    phone: { type: 'string' },
    tags: { type: 'list', items: { type: 'string' } },
    createdBy: { type: 'string' },
    leadSource: { type: 'string' },
    /** Kept by the `order.paid` consumer; flat numbers so DynamoDB's ADD can start them from nothing. */
    ordersCount: { type: 'number' },
    lifetimeValueAmount: { type: 'number' },
    lifetimeValueCurrency: { type: 'string' },
    lastPurchaseAt: { type: 'string' },
    lastSeenAt: { type: 'string' },
    /** Events at which one of the contact's tickets was admitted, each counted once (the `ticket.checked_in` consumer). */
    eventsAttended: { type: 'number' },
    /**
     * A sort-key composite of `byScore`: write it only with `set` through
     * `engagementPatch` (contacts/engagement.ts). ElectroDB would build the
     * index key from an `add`'s delta, not from the sum.
     */
    engagementScore: { type: 'number', default: 0, padding: { length: 7, char: '0' } },
    /** Email engagement counts (campaign consumers keep them; lead scoring reads `contact.emailOpens`/`contact.emailClicks`). */
    emailOpens: { type: 'number' },
    emailClicks: { type: 'number' },
    companyId: { type: 'string' },
    /**
     * Sort keys of the sparse byCompany / byLeadSource indexes: the contactId
     * (creation order), present only while companyId / leadSource is. ElectroDB
     * writes an index as soon as ANY of its composites is present, so keying
     * them by contactId itself would put every contact without a company in a
     * `companyid_` partition. Filled from contactId on create (whoever creates);
     * patches that set companyId / leadSource pass them (contacts/contact-writes.ts).
     */
    companyRank: {
      type: 'string',
      hidden: true,
      watch: ['companyId'],
      set: (value?: string, item?: { companyId?: string; contactId?: string }) =>
        value ?? (item?.companyId === undefined ? undefined : item.contactId),
    },
    leadSourceRank: {
      type: 'string',
      hidden: true,
      watch: ['leadSource'],
      set: (value?: string, item?: { leadSource?: string; contactId?: string }) =>
        value ?? (item?.leadSource === undefined ? undefined : item.contactId),
    },
    /** `trashed` contacts are out of every list and segment until restored. */
    state: { type: ['active', 'trashed'] as const, default: 'active' },
    trashedAt: { type: 'string' },
    /** Facts that segments filter on, kept by the consumers that learn them. */
    attendedEventIds: { type: 'set', items: 'string' },
    /** Sessions whose door admitted the contact (conference check-ins), for segments. */
    attendedSessionIds: { type: 'set', items: 'string' },
    /** Events the contact gave feedback on (any session or the event), for segments. */
    feedbackEventIds: { type: 'set', items: 'string' },
    /** The contact's latest NPS answer (0–10). */
    lastNps: { type: 'number' },
    boughtTicketTypeIds: { type: 'set', items: 'string' },
    /** Mirrors the status of the contact's newest lead (lead service). */
    leadStatus: { type: 'string' },
    /** Marketing consent: given explicitly, withdrawn by an unsubscribe or a complaint. */
    marketingConsent: { type: 'boolean' },
    marketingConsentAt: { type: 'string' },
    /** The id the contact has in the system it was imported from; unique through the contactExternalId item. */
    externalId: { type: 'string' },
    /** The last import that created or changed the contact, and the one that created it (packages/features/imports). */
    importId: { type: 'string' },
    createdByImport: { type: 'string' },
    /** Set by an erasure: every personal field is gone or pseudonymised (packages/features/erasure). */
    erasedAt: { type: 'string' },
    /**
     * The predicted lifetime value, written by the nightly lifetime-value job
     * (packages/features/lifetime-value); the view shows it as `predictedLifetimeValue`
     * (`lifetimeValue` there is what the contact has spent).
     */
    lifetimeValue: {
      type: 'map',
      properties: {
        method: { type: 'string' },
        probabilityActive: { type: 'number' },
        expectedPurchases12m: { type: 'number' },
        predictedValue: {
          type: 'map',
          properties: { amount: { type: 'number' }, currency: { type: 'string' }, low: { type: 'number' }, high: { type: 'number' } },
        },
        fittedAt: { type: 'string' },
      },
    },
    /** `invalid` after a permanent bounce: no more mail to it. */
    emailStatus: { type: ['valid', 'invalid'] as const },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['contactId'] }, sk: { field: 'sk', composite: [] } },
    /**
     * Contacts by creation: the ULID id sorts by creation time. `state` in the
     * partition drops a trashed contact out of the list (and puts it in the
     * trash list, `state = trashed`).
     */
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['state'] },
      sk: { field: 'gsi1sk', composite: ['contactId'] },
    },
    byScore: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['state'] },
      sk: { field: 'gsi2sk', composite: ['engagementScore', 'contactId'] },
    },
    /**
     * Sparse (no companyId, no entry). No `state` here: every patch of `state`
     * (trash, engagement) would then have to carry companyId too; trashed
     * contacts are filtered out instead (few of them).
     */
    byCompany: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['companyId'] },
      sk: { field: 'gsi3sk', composite: ['companyRank'] },
    },
    /** Sparse, like byCompany. */
    byLeadSource: {
      index: 'gsi4',
      pk: { field: 'gsi4pk', composite: ['leadSource'] },
      sk: { field: 'gsi4sk', composite: ['leadSourceRank'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const contactEntity: Db['entities']['contact'];
