import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import type { BenefitView } from './contract.ts';
import { loadSponsorship } from './sponsorship-service.ts';
import { toBenefitView, type BenefitItem } from './sponsorship-view.ts';

async function loadBenefit(eventId: string, sponsorshipId: string, benefitId: string): Promise<BenefitItem> {
  await loadSponsorship(eventId, sponsorshipId);
  const { data } = await db().entities.sponsorBenefit.get({ sponsorshipId, benefitId }).go({ consistent: true });
  if (!data) throw notFound('Benefit', benefitId);
  return data;
}

/** Delivered once: the write is conditioned on `pending`, so a repeat answers the delivery already made and emits nothing. */
export async function deliverBenefit(eventId: string, sponsorshipId: string, benefitId: string, ctx: RequestContext): Promise<BenefitView> {
  const benefit = await loadBenefit(eventId, sponsorshipId, benefitId);
  if (benefit.status === 'delivered') return toBenefitView(benefit);
  const at = nowIso();
  const result = await transactWithEvents(
    (entities) => [
      entities.sponsorBenefit
        .patch({ sponsorshipId, benefitId })
        // dueAt again: the sparse pendingByDue index is re-evaluated only when its composites are written.
        .set({ status: 'delivered', deliveredAt: at, dueAt: benefit.dueAt, updatedAt: at })
        .where((a, op) => op.eq(a.status, 'pending'))
        .commit(),
    ],
    [domainEvent('sponsor.benefit_delivered', { sponsorshipId, eventId, benefitId, kind: benefit.kind, dueAt: benefit.dueAt, deliveredAt: at, late: at > benefit.dueAt }, ctx)],
  );
  if (result.canceled) return toBenefitView(await loadBenefit(eventId, sponsorshipId, benefitId));
  return toBenefitView({ ...benefit, status: 'delivered', deliveredAt: at, updatedAt: at });
}

export async function updateBenefit(eventId: string, sponsorshipId: string, benefitId: string, input: { dueAt?: string | undefined; ownerId?: string | undefined }): Promise<BenefitView> {
  const benefit = await loadBenefit(eventId, sponsorshipId, benefitId);
  const set = {
    dueAt: input.dueAt ? new Date(input.dueAt).toISOString() : benefit.dueAt,
    status: benefit.status,
    ...(input.ownerId ? { ownerId: input.ownerId } : {}),
    updatedAt: nowIso(),
  };
  try {
    const { data } = await db()
      .entities.sponsorBenefit.patch({ sponsorshipId, benefitId })
      .set(set)
      .where((a, op) => op.eq(a.updatedAt, benefit.updatedAt))
      .go({ response: 'all_new' });
    return toBenefitView(data as BenefitItem);
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('concurrent_update', 'The benefit changed meanwhile; read it and try again');
    throw error;
  }
}

/**
 * Delivers the sponsorship's first pending benefit of `kind`, if any (a booth
 * booked by the sponsor's exhibitor delivers its booth benefit). Returns
 * whether one was delivered.
 */
export async function deliverPendingBenefitOfKind(eventId: string, sponsorshipId: string, kind: BenefitItem['kind'], ctx: RequestContext): Promise<boolean> {
  const { data } = await db().entities.sponsorBenefit.query.bySponsorship({ sponsorshipId }).go({ pages: 'all', consistent: true });
  const pending = data.find((b) => b.kind === kind && b.status === 'pending' && b.eventId === eventId);
  if (!pending) return false;
  await deliverBenefit(eventId, sponsorshipId, pending.benefitId, ctx);
  return true;
}
