import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { sendOnce } from '#packages/features/campaigns/index.ts';
import { announcementEmailInput } from './announcement-mail.ts';
import type { AnnouncementItem } from './announcement-store.ts';
import { resolveAudience, type Recipient } from './audience.ts';
import { claimRecipient, createRecipient, expireClaim, settleRecipient, type Claim } from './recipient-writes.ts';

/** A claim older than this had its holder die between claiming and recording SES's answer. */
const CLAIM_LEASE_MS = 10 * 60_000;
const SEND_CONCURRENCY = 4;

/** Thrown so the bus delivers again: some recipient is still to be mailed, or held by a live delivery. */
export class AnnouncementIncomplete extends Error {
  override name = 'AnnouncementIncomplete';
}

export type DeliveryOutcome = { kind: 'sent'; recipients: number; mailed: number } | { kind: 'already_sent' | 'not_found' | 'not_due' };

async function recipientsOf(announcementId: string) {
  const { data } = await db().entities.announcementRecipient.query.byAnnouncement({ announcementId }).go({ pages: 'all', consistent: true });
  return data;
}

/**
 * The consumer of `announcement.requested` (at-least-once; duplicates and
 * concurrent deliveries included). Each address of the audience gets one
 * recipient item, created only if absent, BEFORE anything is sent; each is
 * claimed (pending → sending) before SES is called and settled by the claim's
 * holder — so no address is mailed twice, whoever delivers. SES is called as
 * the campaign engine does (`sendOnce`: one attempt, throttling retried,
 * an unknown outcome never resent). Once no recipient is pending or held,
 * the announcement becomes `sent` with `announcement.sent`, once.
 */
export async function deliverAnnouncement(eventId: string, announcementId: string, ctx: Pick<RequestContext, 'correlationId'>): Promise<DeliveryOutcome> {
  const { data: a } = await db().entities.announcement.get({ eventId, announcementId }).go({ consistent: true });
  if (!a) return { kind: 'not_found' };
  if (a.state === 'sent') return { kind: 'already_sent' };
  if (a.state !== 'sending') return { kind: 'not_due' };

  const audience = await resolveAudience(a);
  await pool(audience, 8, () => false, async (r) => void (await createRecipient(announcementId, r)));

  const { data: event } = await db().entities.event.get({ eventId }).go();
  const eventName = event?.name ?? 'Your event';
  const token = newId();
  let giveBack = 0;
  const all = await recipientsOf(announcementId);
  const expired = all.filter((r) => r.status === 'sending' && r.claimToken && r.claimedAt && Date.now() - Date.parse(r.claimedAt) > CLAIM_LEASE_MS);
  for (const r of expired) await expireClaim(announcementId, r.email, { token: r.claimToken!, claimedAt: r.claimedAt! });

  await pool(all.filter((r) => r.status === 'pending'), SEND_CONCURRENCY, () => false, async (r) => {
    const claim: Claim = { token, claimedAt: nowIso() };
    if (!(await claimRecipient(announcementId, r.email, claim))) return;
    const to: Recipient = { email: r.email, name: r.name ?? '' };
    const outcome = await sendOnce(announcementEmailInput(a, eventName, to), { beforeAttempt: async () => {} });
    switch (outcome.kind) {
      case 'sent':
        await settleRecipient(announcementId, r.email, claim, { status: 'sent', messageId: outcome.messageId });
        return;
      case 'failed':
      case 'unknown':
        await settleRecipient(announcementId, r.email, claim, { status: outcome.kind, failure: outcome.reason });
        return;
      case 'not_sent':
        // SES certainly did not take it: back to pending, and the bus delivers again.
        await settleRecipient(announcementId, r.email, claim, { status: 'pending' });
        giveBack++;
    }
  });

  const settled = await recipientsOf(announcementId);
  const open = settled.filter((r) => r.status === 'pending' || r.status === 'sending');
  if (giveBack || open.length) throw new AnnouncementIncomplete(`announcement ${announcementId}: ${open.length} recipients not settled yet`);
  return finish(a, settled.length, settled.filter((r) => r.status === 'sent').length, ctx);
}

/** sending → sent with the counts and `announcement.sent`, one transaction: emitted once, whoever finishes. */
async function finish(a: AnnouncementItem, recipients: number, mailed: number, ctx: Pick<RequestContext, 'correlationId'>): Promise<DeliveryOutcome> {
  const sentAt = nowIso();
  const result = await transactWithEvents(
    (e) => [
      e.announcement
        .patch({ eventId: a.eventId, announcementId: a.announcementId })
        .set({ state: 'sent', dueAt: a.dueAt, sentAt, recipients, mailed })
        .where((attr, op) => op.eq(attr.state, 'sending'))
        .commit(),
    ],
    [domainEvent('announcement.sent', { eventId: a.eventId, announcementId: a.announcementId, audience: a.audience, recipients, mailed, sentAt }, ctx)],
  );
  if (result.canceled) return { kind: 'already_sent' };
  return { kind: 'sent', recipients, mailed };
}
