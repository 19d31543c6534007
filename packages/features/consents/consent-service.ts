import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { ConsentRecordViewT, RecordConsentInput } from './contract.ts';
import { consentItems, MARKETING_EMAIL, marketingFlagItem, type ConsentChange } from './consent-writes.ts';
import { getPurpose, sha256Hex } from './purposes.ts';

/** Where the API call came from, recorded when the caller relays nothing of the person's own request. */
export interface RequestOrigin {
  ip?: string;
  userAgent?: string;
}

/** The active contact (its `email` absent when it is known by phone only). */
export async function contactExists(contactId: string): Promise<{ email?: string; firstName?: string }> {
  const { data } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!data || data.state !== 'active') throw notFound('Contact', contactId);
  return data;
}

/** The hash of the text shown (and the text kept under it, once): the given text, or the purpose's current one. */
export async function textProof(purpose: string, text: string | undefined): Promise<{ textHash: string; items: (e: Parameters<typeof consentItems>[0]) => TransactionItem[] }> {
  if (text === undefined) {
    const p = await getPurpose(purpose);
    // Built-in texts are not stored until a PUT; the hash still names them (purposes.ts lists them in the code).
    return { textHash: p.textHash, items: (e) => (p.builtIn ? [e.consentText.put({ textHash: p.textHash, text: p.text }).commit()] : []) };
  }
  await getPurpose(purpose);
  const textHash = sha256Hex(text);
  return { textHash, items: (e) => [e.consentText.put({ textHash, text }).commit()] };
}

/**
 * Appends a consent change for a contact (granted or withdrawn), with its
 * proof, and moves the purpose's current state in the same transaction (and
 * the contact's marketing flag for `marketing_email`). A contact created
 * without consent must not receive marketing until a record like this says so.
 */
export async function recordConsent(
  contactId: string,
  input: RecordConsentInput,
  ctx: Pick<RequestContext, 'actorId'>,
  origin: RequestOrigin,
): Promise<ConsentRecordViewT> {
  await contactExists(contactId);
  const proof = await textProof(input.purpose, input.text);
  const change: ConsentChange = {
    contactId,
    purpose: input.purpose,
    state: input.state,
    legalBasis: input.legalBasis,
    method: input.method,
    at: nowIso(),
    textHash: proof.textHash,
    ip: input.subject?.ip ?? origin.ip,
    userAgent: input.subject?.userAgent ?? origin.userAgent,
    actorId: ctx.actorId,
  };
  const recordId = newId();
  const result = await db()
    .transaction.write((e) => {
      const flag = input.purpose === MARKETING_EMAIL ? marketingFlagItem(e, contactId, change.state, change.at) : null;
      return [...consentItems(e, change, recordId), ...(flag ? [flag] : []), ...proof.items(e)];
    })
    .go();
  if (result.canceled) throw conflict('concurrent_update', 'A newer consent change was recorded at the same moment; read and try again');
  return recordView({ ...change, recordId });
}

type RecordItem = ConsentChange & { recordId: string; kind?: string; granted?: boolean; source?: string };

export function recordView(r: RecordItem): ConsentRecordViewT {
  // First-version records (unsubscribes before purposes) say the same with kind/granted/source.
  const purpose = r.purpose ?? MARKETING_EMAIL;
  const state = r.state ?? (r.granted ? 'granted' : 'withdrawn');
  const method = r.method ?? (r.source === 'complaint' ? 'complaint' : r.source ? 'unsubscribe' : undefined);
  return definedOnly({
    id: r.recordId,
    purpose,
    state,
    legalBasis: r.legalBasis,
    method,
    textHash: r.textHash,
    ip: r.ip,
    userAgent: r.userAgent,
    requestRecordId: r.requestRecordId,
    confirmedIp: r.confirmedIp,
    confirmedUserAgent: r.confirmedUserAgent,
    campaignId: r.campaignId,
    importId: r.importId,
    orderId: r.orderId,
    at: r.at,
  }) as ConsentRecordViewT;
}

/** A contact's current state per purpose and every record, oldest first (two Queries of the contact's partition). */
export async function contactConsents(contactId: string) {
  await contactExists(contactId);
  const [states, records] = await Promise.all([
    db().entities.consentState.query.byContact({ contactId }).go({ pages: 'all' }),
    db().entities.consentRecord.query.byContact({ contactId }).go({ pages: 'all' }),
  ]);
  return {
    contactId,
    current: states.data.map((s) => definedOnly({ purpose: s.purpose, state: s.state, legalBasis: s.legalBasis, method: s.method, at: s.at })),
    records: records.data.map((r) => recordView(r as unknown as RecordItem)),
  };
}

/** The current state of each of `purposes` for a contact (absent: never asked). One Query. */
export async function currentStates(contactId: string): Promise<Map<string, 'granted' | 'withdrawn' | 'pending'>> {
  const { data } = await db().entities.consentState.query.byContact({ contactId }).go({ pages: 'all' });
  return new Map(data.map((s) => [s.purpose, s.state]));
}
