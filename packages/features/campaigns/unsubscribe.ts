import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { counterAdd } from './campaign-counters.ts';
import { hasMarketingConsent, withdrawalItems } from './consent.ts';
import { verifyUnsubscribeToken, type UnsubscribeClaims } from './tokens.ts';

export type UnsubscribeOutcome = 'unsubscribed' | 'already_unsubscribed';

/** The claims of an unsubscribe token, or a 404 `invalid_token` (forged, altered, or of another kind). */
export async function unsubscribeClaims(token: string): Promise<UnsubscribeClaims> {
  const claims = await verifyUnsubscribeToken(token);
  if (!claims) throw new DomainError('not_found', 'invalid_token', 'This unsubscribe link is not valid');
  return claims;
}

/**
 * Unsubscribes the contact of a campaign mail from all marketing: the
 * contact's consent withdrawn with a consent record and `contact.updated`
 * (reason `consent`) through the outbox, and the campaign's `unsubscribed`
 * counter +1 — each at most once: a second click (or a mail client's retry)
 * finds both done and changes nothing. A contact deleted since still counts
 * for the campaign; there is nothing else to change.
 */
export async function unsubscribe(
  claims: UnsubscribeClaims,
  source: 'one_click' | 'link',
  ctx: Pick<RequestContext, 'correlationId'>,
): Promise<UnsubscribeOutcome> {
  const { contactId, campaignId } = claims;
  const outcome = await withRaceRetries(async () => {
    const [{ data: contact }, { data: engagement }] = await Promise.all([
      db().entities.contact.get({ contactId }).go({ consistent: true }),
      db().entities.campaignEngagement.get({ campaignId, contactId }).go({ consistent: true }),
    ]);
    const withdraw = contact !== null && hasMarketingConsent(contact);
    const count = !engagement?.unsubscribedAt;
    if (!withdraw && !count) return 'already_unsubscribed' as const;
    const at = nowIso();
    const events = [
      ...(withdraw ? [domainEvent('contact.updated', { contactId, reason: 'consent' }, ctx)] : []),
      // Once per campaign and contact: only with the write that sets `unsubscribedAt`.
      ...(count ? [domainEvent('campaign.unsubscribed', { campaignId, contactId, at }, ctx)] : []),
    ];
    const result = await transactWithEvents(
      (entities) => [
        ...(withdraw ? withdrawalItems(entities, contactId, { source, at, campaignId }) : []),
        ...(count
          ? [
              entities.campaignEngagement
                .update({ campaignId, contactId })
                .set({ unsubscribedAt: at })
                .where((a, op) => op.notExists(a.unsubscribedAt))
                .commit(),
              counterAdd(entities, campaignId, { unsubscribed: 1 }),
            ]
          : []),
      ],
      events,
    );
    // Canceled: someone else withdrew or counted at the same moment (or a
    // counter slice was busy); the next round re-reads and does what is left.
    return result.canceled ? RETRY : ('unsubscribed' as const);
  }, 10);
  if (outcome === RETRY) throw new Error(`unsubscribe of ${contactId} kept losing races`);
  return outcome;
}
