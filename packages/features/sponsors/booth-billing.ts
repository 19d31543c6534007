import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { prepareOpportunityChange } from '#packages/features/opportunities/index.ts';
import { billsBooths } from './contract-stages.ts';

export interface BoothBilling {
  /** False when the sponsorship's invoice is out (or it is lost): the exhibitor is billed for the booth itself. */
  onSponsorship: boolean;
  /** The sponsorship's new amount and its opportunity's, for the booking's transaction (conditioned on both as read). */
  items: (entities: TransactionEntities) => TransactionItem[];
}

/**
 * A booth booked by a sponsor's exhibitor goes on the sponsorship's bill
 * (trade-show booths are invoiced with the sponsorship, not paid by card at
 * booking): its price is added to the sponsorship's amount, listed among its
 * booths, and added to its opportunity's amount, so the pipeline and forecast
 * show it. Only before the invoice is issued; after, the exhibitor is billed
 * on its own. The writes are conditioned on the sponsorship and the
 * opportunity being as read, so a concurrent invoice cannot miss the booth.
 */
export async function prepareBoothBilling(
  eventId: string,
  sponsorshipId: string,
  booth: { boothGuid: string; exhibitorId: string; price: { amount: number; currency: string } },
  ctx: RequestContext,
  at: string,
): Promise<BoothBilling> {
  const { data: sponsorship } = await db().entities.sponsorship.get({ sponsorshipId }).go({ consistent: true });
  if (!sponsorship || sponsorship.eventId !== eventId || !billsBooths(sponsorship.status)) return { onSponsorship: false, items: () => [] };
  if (booth.price.currency !== sponsorship.amount.currency) {
    throw unprocessable('currency_mismatch', `The booth is priced in ${booth.price.currency}, the sponsorship in ${sponsorship.amount.currency}`);
  }
  const amount = { amount: sponsorship.amount.amount + booth.price.amount, currency: sponsorship.amount.currency };
  const opportunity = await prepareOpportunityChange(sponsorship.opportunityId, { amount }, ctx, at);
  const line = { boothGuid: booth.boothGuid, exhibitorId: booth.exhibitorId, amount: booth.price.amount, currency: booth.price.currency };
  return {
    onSponsorship: true,
    items: (entities) => [
      entities.sponsorship
        .patch({ sponsorshipId })
        .set({ amount, updatedAt: at })
        .append({ booths: [line] })
        .where((a, op) => `${op.eq(a.status, sponsorship.status)} AND ${op.eq(a.updatedAt, sponsorship.updatedAt)}`)
        .commit(),
      ...(opportunity?.changes ? opportunity.items(entities) : []),
    ],
  };
}
