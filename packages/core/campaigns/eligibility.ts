import type { EntityItem } from 'electrodb';
import type { contactEntity } from '../db/entities/contact.ts';
import type { SkipReason } from '../db/entities/campaign-recipient.ts';
import { db } from '../db/service.ts';
import { isSuppressed, normalizeEmail } from './suppression.ts';

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
export function skipReasonOf(contact: ContactItem | undefined, suppressed: boolean): SkipReason | null {
  if (!contact || contact.state === 'trashed') return 'no_consent';
  if (suppressed) return 'suppressed';
  if (contact.marketingConsent === false) return 'unsubscribed';
  if (contact.emailStatus === 'invalid' || !PLAUSIBLE_EMAIL.test(contact.email ?? '')) return 'invalid_email';
  if (contact.marketingConsent !== true) return 'no_consent';
  return null;
}

/** Contacts by id (BatchGetItem, unprocessed keys retried); missing ones are absent from the map. */
export async function loadContacts(contactIds: readonly string[], consistent: boolean): Promise<Map<string, ContactItem>> {
  const found = new Map<string, ContactItem>();
  const unique = [...new Set(contactIds)];
  for (let i = 0; i < unique.length; i += 100) {
    let pending = unique.slice(i, i + 100).map((contactId) => ({ contactId }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 8) throw new Error('contacts: unprocessed keys remain after retries');
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const { data, unprocessed } = await db().entities.contact.get(pending).go({ consistent });
      for (const contact of data) found.set(contact.contactId, contact);
      pending = unprocessed as typeof pending;
    }
  }
  return found;
}

/** The suppressed addresses among `emails` (one consistent GetItem each, in parallel). */
export async function suppressedAmong(emails: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(emails.map(normalizeEmail))];
  const flags = await Promise.all(unique.map((email) => isSuppressed(email)));
  return new Set(unique.filter((_, i) => flags[i]));
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
export async function decide(contactIds: readonly string[], consistent: boolean): Promise<Decision[]> {
  const contacts = await loadContacts(contactIds, consistent);
  const emails = [...contacts.values()].map((c) => c.email).filter((e): e is string => Boolean(e));
  const suppressed = await suppressedAmong(emails);
  return contactIds.map((contactId) => {
    const contact = contacts.get(contactId);
    const isOut = contact?.email ? suppressed.has(normalizeEmail(contact.email)) : false;
    return { contactId, contact, skipReason: skipReasonOf(contact, isOut) };
  });
}
