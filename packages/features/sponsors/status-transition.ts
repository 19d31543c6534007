import type { RequestContext } from '#packages/core/context.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import type { PendingEvent } from '#packages/core/bus/pending-event.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict } from '#packages/core/errors.ts';
import { prepareOpportunityChange } from '#packages/features/opportunities/index.ts';
import type { SponsorshipStatusValue } from './contract.ts';
import { stageForStatus } from './contract-stages.ts';
import type { SponsorshipItem } from './sponsorship-view.ts';

export interface StatusMove {
  current: SponsorshipItem;
  to: SponsorshipStatusValue;
  /** What the move records besides the status (signedAt, the invoice, the payment…). */
  set: Partial<Pick<SponsorshipItem, 'signedAt' | 'fulfilledAt' | 'invoice' | 'payment'>>;
  events: readonly PendingEvent[];
  /** Also condition on the sponsorship being unchanged since read (the invoice bills the amount as read). */
  unchangedSinceRead?: boolean;
  at: string;
}

/**
 * The sponsorship's status, its opportunity's stage and the `sponsor.*`
 * events in ONE transaction: the sponsorship's write is conditioned on the
 * status it leaves, the opportunity's on being as read. If either condition
 * fails nothing is written (409): the contract and the pipeline never
 * disagree, and no event reports a move that did not happen.
 */
export async function commitStatusMove(move: StatusMove, ctx: RequestContext): Promise<SponsorshipItem> {
  const { current, to, set, at } = move;
  const opportunity = await prepareOpportunityChange(current.opportunityId, { stageFor: (pipeline) => stageForStatus(pipeline, to) }, ctx, at);
  const tx = namedTransaction<'sponsorship' | 'opportunity'>();
  tx.add(
    'sponsorship',
    tx.entities.sponsorship
      .patch({ sponsorshipId: current.sponsorshipId })
      .set({ status: to, updatedAt: at, ...set })
      .where((a, op) => (move.unchangedSinceRead ? `${op.eq(a.status, current.status)} AND ${op.eq(a.updatedAt, current.updatedAt)}` : op.eq(a.status, current.status)))
      .commit(),
  );
  if (opportunity?.changes) tx.add('opportunity', ...opportunity.items(tx.entities));
  const result = await transactWithEvents(() => tx.items, move.events);
  if (result.canceled) {
    if (tx.rejected(result, 'opportunity')) {
      throw conflict('opportunity_changed', "The sponsorship's opportunity changed meanwhile; nothing was changed, try again", { opportunityId: current.opportunityId });
    }
    throw conflict('concurrent_update', 'The sponsorship changed meanwhile; read it and try again');
  }
  return { ...current, status: to, updatedAt: at, ...set } as SponsorshipItem;
}
