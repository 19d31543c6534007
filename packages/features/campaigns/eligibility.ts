import { MARKETING_EMAIL } from '#packages/features/consents/index.ts';
import type { EntityItem } from 'electrodb';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import type { SkipReason } from '#packages/core/db/entities/campaign-recipient.ts';
import { db } from '#packages/core/db/service.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { normalizeEmail } from './suppression.ts';

export type ContactItem = EntityItem<typeof contactEntity>;

/** Loose on purpose: the address was checked when stored; this only keeps out what SES would refuse outright. */
const PLAUSIBLE_EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/**
 * Whether a contact may get marketing mail, and if not, why. Checked when the
 * audience is resolved and again right before the send, so an unsubscribe or
 * a bounce that lands mid-campaign is still honoured. In this order:
 * - gone or trashed → `no_consent` (out of every list until restored);
 * - the address is suppressed (hard bounce, complaint, by hand) → `suppressed`;
 * - consent withdrawn (`marketingConsent: false`: an unsubscribe, a complaint, or a user's "no") → `unsubscribed`;
 * - no usable address (flagged invalid after a bounce, or malformed) → `invalid_email`;
 * - consent never given (`marketingConsent` unset) → `no_consent`: opt-in, not opt-out.
 */
export function skipReasonOf(contact: ContactItem | undefined, suppressed: boolean, typeState?: string | null): SkipReason | null {
  if (!contact || contact.state === 'trashed') return 'no_consent';
  if (suppressed) return 'suppressed';
  if (contact.marketingConsent === false) return 'unsubscribed';
  if (contact.emailStatus === 'invalid' || !PLAUSIBLE_EMAIL.test(contact.email ?? '')) return 'invalid_email';
  // A campaign of another subscription type: its own consent decides (the one-click "unsubscribe from all" above still wins).
  if (typeState !== undefined) {
    if (typeState === 'withdrawn') return 'unsubscribed';
    return typeState === 'granted' ? null : 'no_consent';
  }
  if (contact.marketingConsent !== true) return 'no_consent';
  return null;
}

/**
 * A contact known by phone only has no address to mail: it is no recipient
 * at all (not even a skipped one counted in the audience).
 */
export const isPhoneOnly = (contact: ContactItem | undefined): boolean => contact !== undefined && !contact.email;

/** Contacts by id; missing ones are absent from the map. */
export async function loadContacts(contactIds: readonly string[], consistent: boolean): Promise<Map<string, ContactItem>> {
  const keys = [...new Set(contactIds)].map((contactId) => ({ contactId }));
  const contacts = await batchGetAll(keys, (batch) => db().entities.contact.get(batch).go({ consistent }));
  return new Map(contacts.map((c) => [c.contactId, c]));
}

/**
 * The suppressed addresses among `emails`: the suppression items (keyed as
 * `isSuppressed` in suppression.ts reads them), strongly consistent, in one
 * BatchGetItem per 100 instead of a GetItem each — a chunk checks up to 98.
 */
export async function suppressedAmong(emails: readonly string[]): Promise<Set<string>> {
  const keys = [...new Set(emails.map(normalizeEmail))].map((email) => ({ email }));
  const items = await batchGetAll(keys, (batch) => db().entities.suppression.get(batch).go({ consistent: true, attributes: ['email'] }));
  return new Set(items.map((i) => i.email));
}

/** The contacts' current consent to one purpose (consentState items, 100 to a BatchGetItem). */
async function subscriptionStates(contactIds: readonly string[], purpose: string, consistent: boolean): Promise<Map<string, string>> {
  const keys = [...new Set(contactIds)].map((contactId) => ({ contactId, purpose }));
  const items = await batchGetAll(keys, (batch) => db().entities.consentState.get(batch).go({ consistent }));
  return new Map(items.map((s) => [s.contactId, s.state]));
}

export interface Decision {
  contactId: string;
  contact: ContactItem | undefined;
  skipReason: SkipReason | null;
}

/**
 * Loads the contacts and the suppression list and decides for each id.
 * `consistent`: the last check before a send reads strongly consistent (an
 * unsubscribe a moment ago counts); resolving the audience need not.
 */
export async function decide(contactIds: readonly string[], consistent: boolean, subscriptionType?: string): Promise<Decision[]> {
  const contacts = await loadContacts(contactIds, consistent);
  const typed = subscriptionType !== undefined && subscriptionType !== MARKETING_EMAIL;
  const typeStates = typed ? await subscriptionStates(contactIds, subscriptionType, consistent) : null;
  const emails = [...contacts.values()].map((c) => c.email).filter((e): e is string => Boolean(e));
  const suppressed = await suppressedAmong(emails);
  return contactIds.map((contactId) => {
    const contact = contacts.get(contactId);
    const isOut = contact?.email ? suppressed.has(normalizeEmail(contact.email)) : false;
    return { contactId, contact, skipReason: skipReasonOf(contact, isOut, typeStates ? (typeStates.get(contactId) ?? null) : undefined) };
  });
}
