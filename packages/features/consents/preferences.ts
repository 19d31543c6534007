import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionItem } from '#packages/core/db/transaction-types.ts';
import { DomainError } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import type { ConsentPurposeView } from './contract.ts';
import type { RequestOrigin } from './consent-service.ts';
import { consentItems, MARKETING_EMAIL, marketingFlagItem, type ConsentStateName } from './consent-writes.ts';
import { signConsentToken, verifyConsentToken } from './opt-in-token.ts';
import { listPurposes } from './purposes.ts';
import { preferencesUrl } from './public-url.ts';

/** The preference centre's link for a contact (in every marketing mail, next to the one-click unsubscribe). */
export function preferencesLink(contactId: string, key?: string | Uint8Array): string {
  return preferencesUrl(signConsentToken('p', { contactId }, key));
}

export interface PreferenceRow {
  purpose: ConsentPurposeView;
  state: ConsentStateName | undefined;
}

const invalidLink = () => new DomainError('not_found', 'invalid_token', 'This preferences link is not valid');

/** The contact a preferences link names (active, not erased), or a 404. */
async function contactOf(token: string) {
  const claims = verifyConsentToken('p', token);
  if (!claims) throw invalidLink();
  const { data } = await db().entities.contact.get({ contactId: claims.contactId }).go({ consistent: true });
  if (!data || data.erasedAt || data.state !== 'active') throw invalidLink();
  return data;
}

/** The subscription types (purposes on the email and sms channels) with the contact's current choice. */
export async function preferencesOf(token: string): Promise<{ contactId: string; email: string; rows: PreferenceRow[] }> {
  const contact = await contactOf(token);
  const [purposes, states] = await Promise.all([
    listPurposes(),
    db().entities.consentState.query.byContact({ contactId: contact.contactId }).go({ pages: 'all', consistent: true }),
  ]);
  const byPurpose = new Map(states.data.map((s) => [s.purpose, s.state]));
  // A marketing flag set before purposes existed (API, old imports) counts as the marketing_email choice.
  if (!byPurpose.has(MARKETING_EMAIL) && contact.marketingConsent !== undefined) byPurpose.set(MARKETING_EMAIL, contact.marketingConsent ? 'granted' : 'withdrawn');
  return {
    contactId: contact.contactId,
    // The page names whom it is for: the address, or the number of a contact known by phone only.
    email: contact.email ?? contact.phone ?? '',
    rows: purposes.filter((p) => p.channel !== 'none').map((purpose) => ({ purpose, state: byPurpose.get(purpose.id) })),
  };
}

/**
 * Saves the form: each subscription type ticked becomes `granted`, each
 * unticked one that was granted or pending becomes `withdrawn` — one record
 * per change (method `preferences`, the text's hash, the request's ip and
 * user agent), all in one transaction with the states and the contact's
 * marketing flag. Nothing changed, nothing written.
 */
export async function savePreferences(token: string, chosen: ReadonlySet<string>, origin: RequestOrigin): Promise<number> {
  const { contactId, rows } = await preferencesOf(token);
  const at = nowIso();
  const changes = rows
    .map(({ purpose, state }) => {
      const want: 'granted' | 'withdrawn' | null = chosen.has(purpose.id) ? (state === 'granted' ? null : 'granted') : state === 'granted' || state === 'pending' ? 'withdrawn' : null;
      return want ? { purpose, state: want } : null;
    })
    .filter((c): c is { purpose: ConsentPurposeView; state: 'granted' | 'withdrawn' } => c !== null);
  if (!changes.length) return 0;
  const result = await db()
    .transaction.write((e) => {
      const items: TransactionItem[] = [];
      for (const c of changes) {
        items.push(
          ...consentItems(
            e,
            { contactId, purpose: c.purpose.id, state: c.state, legalBasis: 'consent', method: 'preferences', at, textHash: c.purpose.textHash, ip: origin.ip, userAgent: origin.userAgent },
            newId(),
          ),
        );
        if (c.purpose.id === MARKETING_EMAIL) items.push(marketingFlagItem(e, contactId, c.state, at)!);
        if (c.purpose.builtIn) items.push(e.consentText.put({ textHash: c.purpose.textHash, text: c.purpose.text }).commit());
      }
      return items;
    })
    .go();
  if (result.canceled) throw new DomainError('conflict', 'concurrent_update', 'Your preferences changed at the same moment; reload the page and try again');
  return changes.length;
}
