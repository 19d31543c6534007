import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, DomainError, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { escapeHtml } from '#packages/mail/html-escape.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import type { RequestOptInInput } from './contract.ts';
import { contactExists, textProof, type RequestOrigin } from './consent-service.ts';
import { consentItems, MARKETING_EMAIL, marketingFlagItem, type ConsentChange } from './consent-writes.ts';
import { signConsentToken, verifyConsentToken } from './opt-in-token.ts';
import { getPurpose } from './purposes.ts';
import { optInUrl } from './public-url.ts';

/** How long a confirmation link works. */
export const OPT_IN_VALID_MS = 7 * 24 * 3600_000;

/**
 * Double opt-in, step 1: a `pending` record with the request's proof (text
 * hash, the person's ip and user agent, server time) and a mail with a signed
 * link to confirm. Nothing is granted until the link is followed.
 */
export async function requestOptIn(
  contactId: string,
  purpose: string,
  input: RequestOptInInput,
  ctx: Pick<RequestContext, 'actorId'>,
  origin: RequestOrigin,
): Promise<{ recordId: string; state: 'pending' }> {
  const contact = await contactExists(contactId);
  // The confirmation goes by mail: a contact known by phone only cannot be asked this way.
  if (!contact.email) throw unprocessable('no_email', `Contact ${contactId} has no email to send the confirmation to`);
  const p = await getPurpose(purpose);
  const proof = await textProof(purpose, input.text);
  const recordId = newId();
  const change: ConsentChange = {
    contactId,
    purpose,
    state: 'pending',
    legalBasis: 'consent',
    method: input.method,
    at: nowIso(),
    textHash: proof.textHash,
    ip: input.subject?.ip ?? origin.ip,
    userAgent: input.subject?.userAgent ?? origin.userAgent,
    actorId: ctx.actorId,
  };
  const result = await db()
    .transaction.write((e) => [...consentItems(e, change, recordId), ...proof.items(e)])
    .go();
  if (result.canceled) throw conflict('concurrent_update', 'A newer consent change was recorded at the same moment; try again');
  const link = optInUrl(signConsentToken('o', { contactId, recordId }));
  const text = input.text ?? p.text;
  await sendEmail({
    to: contact.email,
    subject: `Please confirm: ${p.name}`,
    text: `Please confirm that you agree to: ${text}\n\nConfirm: ${link}\n\nIf you did not ask for this, ignore this mail.`,
    html: `<p>Please confirm that you agree to:</p><blockquote>${escapeHtml(text)}</blockquote><p><a href="${escapeHtml(link)}">Confirm</a></p><p>If you did not ask for this, ignore this mail.</p>`,
  });
  return { recordId, state: 'pending' };
}

type PendingRecord = ConsentChange & { recordId: string };

const invalidLink = () => new DomainError('not_found', 'invalid_token', 'This confirmation link is not valid');

/** The pending record a valid, unexpired link names; a 404 `invalid_token` for anything else. */
export async function pendingOf(token: string): Promise<PendingRecord> {
  const claims = verifyConsentToken('o', token);
  if (!claims?.recordId) throw invalidLink();
  const { data } = await db()
    .entities.consentRecord.query.byContact({ contactId: claims.contactId })
    .where((a, op) => op.eq(a.recordId, claims.recordId!))
    .go({ pages: 'all' });
  const record = data[0] as unknown as PendingRecord | undefined;
  if (!record || record.state !== 'pending') throw invalidLink();
  if (Date.parse(record.at) + OPT_IN_VALID_MS < Date.parse(nowIso())) throw invalidLink();
  return record;
}

export type ConfirmOutcome = 'confirmed' | 'already_confirmed';

/**
 * Double opt-in, step 2: the `granted` record carries both proofs — the
 * request's (its ip, user agent, text hash, and `requestRecordId`) and the
 * confirmation's own (ip, user agent, server time). Conditioned on the
 * purpose's state still being this request: a withdrawal since makes the link
 * void. A second click changes nothing.
 */
export async function confirmOptIn(token: string, origin: RequestOrigin): Promise<ConfirmOutcome> {
  const pending = await pendingOf(token);
  const { data: state } = await db().entities.consentState.get({ contactId: pending.contactId, purpose: pending.purpose }).go({ consistent: true });
  if (state?.recordId !== pending.recordId) {
    if (state?.state === 'granted') return 'already_confirmed';
    throw invalidLink();
  }
  const change: ConsentChange = {
    contactId: pending.contactId,
    purpose: pending.purpose,
    state: 'granted',
    legalBasis: 'consent',
    method: pending.method,
    at: nowIso(),
    textHash: pending.textHash,
    ip: pending.ip,
    userAgent: pending.userAgent,
    requestRecordId: pending.recordId,
    confirmedIp: origin.ip,
    confirmedUserAgent: origin.userAgent,
  };
  const result = await db()
    .transaction.write((e) => {
      const flag = change.purpose === MARKETING_EMAIL ? marketingFlagItem(e, change.contactId, 'granted', change.at) : null;
      return [...consentItems(e, change, newId(), pending.recordId), ...(flag ? [flag] : [])];
    })
    .go();
  if (result.canceled) {
    const { data: now } = await db().entities.consentState.get({ contactId: pending.contactId, purpose: pending.purpose }).go({ consistent: true });
    if (now?.state === 'granted') return 'already_confirmed';
    throw invalidLink();
  }
  return 'confirmed';
}
