import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { conflict } from '#packages/core/errors.ts';
import type { SponsorshipStatusValue, SponsorshipView } from './contract.ts';
import { canMove, SET_BY_FACT } from './contract-stages.ts';
import { benefitsOf, getSponsorship, loadSponsorship } from './sponsorship-service.ts';
import { toSponsorshipView } from './sponsorship-view.ts';
import { commitStatusMove } from './status-transition.ts';

/**
 * Moves the contract one step forward (or to lost before signing), with its
 * opportunity in the same transaction (status-transition.ts). `invoiced` and
 * `paid` are refused here: only issuing the invoice and recording a matching
 * payment set them. Fulfilled only once every benefit is delivered (delivery
 * never reverts, so that read stays true).
 */
export async function changeStatus(eventId: string, sponsorshipId: string, to: SponsorshipStatusValue, ctx: RequestContext): Promise<SponsorshipView> {
  const current = await loadSponsorship(eventId, sponsorshipId, true);
  if (current.status === to) return getSponsorship(eventId, sponsorshipId);
  const byFact = SET_BY_FACT[to];
  if (byFact) throw conflict(byFact.code, byFact.message, { from: current.status, to });
  if (!canMove(current.status, to)) throw conflict('invalid_transition', `A sponsorship cannot go from ${current.status} to ${to}`, { from: current.status, to });
  const benefits = await benefitsOf(sponsorshipId, true);
  if (to === 'fulfilled') {
    const pending = benefits.filter((b) => b.status !== 'delivered');
    if (pending.length) throw conflict('benefits_pending', 'Every benefit must be delivered before the sponsorship is fulfilled', { benefitIds: pending.map((b) => b.benefitId) });
  }
  const at = nowIso();
  const set = { ...(to === 'signed' ? { signedAt: at } : {}), ...(to === 'fulfilled' ? { fulfilledAt: at } : {}) };
  const events =
    to === 'signed'
      ? [domainEvent('sponsor.signed', { sponsorshipId, eventId, companyId: current.companyId, tierId: current.tierId, opportunityId: current.opportunityId, amount: current.amount }, ctx)]
      : [];
  const moved = await commitStatusMove({ current, to, set, events, at }, ctx);
  return toSponsorshipView(moved, benefits);
}
