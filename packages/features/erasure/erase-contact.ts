import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { emailHash } from '#packages/core/email-hash.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { forgetContactTouches } from '#packages/features/analytics/index.ts';
import { consentItems } from '#packages/features/consents/index.ts';
import { ownedPhone, phoneLookupItems, phoneOwnerRelease } from '#packages/features/contacts/index.ts';
import { purgeContactTimeline } from '#packages/features/timeline/index.ts';
import { scrubImports } from './scrub-imports.ts';

/** What an erased person's records say instead of their email and name: stable per contact, meaningless outside. */
export const pseudonymEmail = (contactId: string) => `${contactId.toLowerCase()}@erased.invalid`;
export const PSEUDONYM_NAME = 'Erased';

export interface ErasureReport {
  contactId: string;
  erasedAt: string;
  /** Items changed or deleted, by kind. */
  touched: Record<string, number>;
}

type TimelineLine = { entryId: string; refType?: string; refId?: string };

/** The journey line of a visit is keyed by it (analytics/journey-lines.ts). */
const VISIT_LINE = 'visit.recorded:';

/**
 * The contact's orders: those on its timeline (a paid order puts a line
 * there) and every order bought with its email (the order's byBuyerEmail
 * index), so unpaid, expired and canceled ones are pseudonymised too; and
 * the visits its timeline names (a visit recorded with its email).
 */
async function timelineRefsOf(contactId: string, email: string | undefined): Promise<{ orderIds: string[]; visitIds: string[] }> {
  const ids = new Set<string>();
  const visitIds: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: { timelineEntry: TimelineLine[] }; cursor: string | null } = await db()
      .collections.timeline({ contactId })
      .go({ limit: 100, cursor });
    for (const line of page.data.timelineEntry) {
      if (line.refType === 'order' && line.refId) ids.add(line.refId);
      if (line.entryId.startsWith(VISIT_LINE)) visitIds.push(line.entryId.slice(VISIT_LINE.length));
    }
    cursor = page.cursor;
  } while (cursor);
  if (!email) return { orderIds: [...ids], visitIds };
  const { data: bought } = await db()
    .entities.order.query.byBuyerEmail({ buyerEmail: email.trim().toLowerCase() })
    .go({ pages: 'all', attributes: ['orderId'] });
  for (const order of bought) ids.add(order.orderId);
  return { orderIds: [...ids], visitIds };
}

/** Every campaign's recipient item of the contact loses its copy of the address (a Query of campaigns, then one Get per campaign). */
async function scrubRecipients(contactId: string): Promise<number> {
  const campaigns = await db().entities.campaign.query.all({}).go({ pages: 'all', attributes: ['campaignId'] });
  let touched = 0;
  await pool(campaigns.data, 8, () => false, async ({ campaignId }) => {
    const { data } = await db().entities.campaignRecipient.get({ campaignId, contactId }).go();
    if (!data?.email) return;
    await db().entities.campaignRecipient.patch({ campaignId, contactId }).remove(['email']).go();
    touched++;
  });
  return touched;
}

/** Orders keep their money under a pseudonymous buyer; their tickets lose the holder's name and address. */
async function pseudonymiseOrders(contactId: string, orderIds: string[]): Promise<{ orders: number; tickets: number }> {
  const buyer = { email: pseudonymEmail(contactId), firstName: PSEUDONYM_NAME };
  let tickets = 0;
  await pool(orderIds, 8, () => false, async (orderId) => {
    const { data: order } = await db().entities.order.get({ orderId }).go();
    if (!order) return;
    await db().entities.order.patch({ orderId }).set({ buyer }).remove(['marketingConsent'] as never).go();
    const { data: issued } = await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' });
    for (const t of issued) {
      await db().entities.ticket.patch({ ticketId: t.ticketId }).set({ holderEmail: buyer.email, holderName: PSEUDONYM_NAME }).go();
      tickets++;
    }
  });
  return { orders: orderIds.length, tickets };
}

async function pseudonymiseLeads(contactId: string): Promise<number> {
  const { data } = await db().entities.lead.query.byContact({ contactId }).go({ pages: 'all' });
  for (const lead of data) {
    await db()
      .entities.lead.patch({ leadId: lead.leadId })
      .set({ email: pseudonymEmail(contactId), firstName: PSEUDONYM_NAME })
      .remove(['lastName', 'phone', 'companyName'] as never)
      .go();
  }
  return data.length;
}

/** Consent records stay as evidence of what was agreed and when; the ip and user agent they carry go. */
async function scrubConsentProof(contactId: string): Promise<number> {
  const { data } = await db().entities.consentRecord.query.byContact({ contactId }).go({ pages: 'all' });
  let touched = 0;
  for (const r of data) {
    if (!r.ip && !r.userAgent && !r.confirmedIp && !r.confirmedUserAgent) continue;
    await db().entities.consentRecord.patch({ contactId, at: r.at, recordId: r.recordId }).remove(['ip', 'userAgent', 'confirmedIp', 'confirmedUserAgent']).go();
    touched++;
  }
  return touched;
}

/** The suppression entry and the lifetime-value purchase summary, both kept by email (orders know no contact id). */
async function dropMailAndPurchaseTraces(email: string): Promise<{ suppression: boolean; buyer: boolean }> {
  const { data: suppression } = await db().entities.suppression.get({ email }).go();
  if (suppression) await db().entities.suppression.delete({ email }).go();
  const { data: buyer } = await db().entities.ltvBuyer.get({ email }).go();
  if (buyer) await db().entities.ltvBuyer.delete({ email }).go();
  return { suppression: Boolean(suppression), buyer: Boolean(buyer) };
}

/**
 * Erases a person (GDPR art. 17). Everything that names them is removed or
 * pseudonymised first — orders (kept, under a pseudonymous buyer: accounting
 * needs them) and their tickets, leads, campaign recipients' copies of the
 * address, the timeline with its notes, interactions and tasks, consent
 * proofs' ip and user agent, rows of recent imports, the suppression entry,
 * the lifetime-value purchase summary, the visits recorded with its email and
 * its first touch —
 * and last, in ONE transaction: the contact itself (pseudonymous email, names,
 * phone, tags and ids gone, out of every list), its email and external-id
 * guards deleted (the phone identity of a contact known by phone only too), every purpose's consent withdrawn (method `erasure`), a
 * keyed hash of the email (erasedEmail) so an import cannot bring the person
 * back without new consent, and `contact.updated` (reason `erased`; no
 * address in it). Until that transaction a failure leaves the contact as it
 * was and the erasure can simply run again; every step before is idempotent.
 */
export async function eraseContact(contactId: string, ctx: RequestContext): Promise<ErasureReport> {
  const { data: contact } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!contact) throw notFound('Contact', contactId);
  if (contact.erasedAt) throw conflict('already_erased', `Contact ${contactId} was erased at ${contact.erasedAt}`);
  const email = contact.email;
  const touched: Record<string, number> = {};

  const { orderIds, visitIds } = await timelineRefsOf(contactId, email);
  Object.assign(touched, await pseudonymiseOrders(contactId, orderIds));
  // Before the timeline goes: its visit lines are how the visits are found.
  touched.touches = await forgetContactTouches(contactId, visitIds);
  touched.leads = await pseudonymiseLeads(contactId);
  touched.campaignRecipients = await scrubRecipients(contactId);
  touched.timeline = (await purgeContactTimeline(contactId)).deleted;
  touched.consentRecords = await scrubConsentProof(contactId);
  // A contact known by phone only: its number is what import rows hold, and it has no suppression or purchase summary.
  touched.importRows = await scrubImports(contactId, email ?? contact.phone!);
  const { suppression, buyer } = email ? await dropMailAndPurchaseTraces(email) : { suppression: false, buyer: false };
  touched.suppressions = suppression ? 1 : 0;
  touched.purchaseSummaries = buyer ? 1 : 0;
  const owned = await ownedPhone(contactId, contact.phone);

  const { data: states } = await db().entities.consentState.query.byContact({ contactId }).go({ pages: 'all' });
  const at = nowIso();
  const tags = contact.tags ?? [];
  const result = await transactWithEvents(
    (e) => [
      e.contact
        .patch({ contactId })
        .set({ ...(email ? { email: pseudonymEmail(contactId) } : {}), erasedAt: at, state: 'trashed', trashedAt: at, marketingConsent: false, marketingConsentAt: at, updatedAt: at })
        .remove(['firstName', 'lastName', 'phone', 'tags', 'leadSource', 'leadSourceRank', 'externalId'] as never)
        .where((a, op) => `${op.eq(a.updatedAt, contact.updatedAt)} AND ${op.notExists(a.erasedAt)}`)
        .commit(),
      ...(email ? [e.contactEmail.delete({ email }).where((a, op) => op.eq(a.contactId, contactId)).commit()] : []),
      ...phoneOwnerRelease(e, contactId, owned),
      ...(contact.externalId ? [e.contactExternalId.delete({ externalId: contact.externalId }).where((a, op) => op.eq(a.contactId, contactId)).commit()] : []),
      ...tags.map((tag) => e.contactTag.delete({ tag, contactId }).commit()),
      ...phoneLookupItems(e, contactId, contact.phone, null),
      ...(email ? [e.erasedEmail.put({ emailHash: emailHash(email), erasedAt: at, contactId }).commit()] : []),
      ...states
        .filter((s) => s.state !== 'withdrawn')
        .flatMap((s) => consentItems(e, { contactId, purpose: s.purpose, state: 'withdrawn', method: 'erasure', at, actorId: ctx.actorId }, newId())),
    ],
    [domainEvent('contact.updated', { contactId, reason: 'erased' }, ctx)],
  );
  if (result.canceled) throw conflict('concurrent_update', 'The contact changed while it was being erased; erase it again');
  touched.contact = 1;
  touched.guards = (email ? 1 : 0) + (owned ? 1 : 0) + (contact.externalId ? 1 : 0) + tags.length;
  touched.consentsWithdrawn = states.filter((s) => s.state !== 'withdrawn').length;
  return { contactId, erasedAt: at, touched };
}
