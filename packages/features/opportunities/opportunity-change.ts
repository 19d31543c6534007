import type { RequestContext } from '#packages/core/context.ts';
import { bump } from '#packages/core/db/revisions.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { definedOnly } from '#packages/core/views.ts';
import { pipelineOrDefault, stageOf, type PipelineItem, type Stage } from '#packages/features/pipelines/index.ts';
import type { OpportunityItem } from './opportunity-view.ts';
import { closedAtFor, stageMoveItems } from './stage-change.ts';

export interface OpportunityChange {
  /** The stage it should stand in, chosen from its own pipeline. */
  stageFor?: (pipeline: PipelineItem) => Stage;
  amount?: { amount: number; currency: string };
}

export interface PreparedOpportunityChange {
  current: OpportunityItem;
  /** Whether anything changes (no items otherwise). */
  changes: boolean;
  /** The opportunity's write (conditioned on `updatedAt` as read) and its stage-move record, for the caller's transaction. */
  items: (entities: TransactionEntities) => TransactionItem[];
}

/**
 * A change of another feature's deal (a sponsorship's contract status, a
 * booth added to it) prepared as transaction items, so the caller commits it
 * together with its own write: both happen or neither. The opportunity's
 * write is conditioned on `updatedAt` as read here, so a CRM edit landing in
 * between cancels the whole transaction instead of being overwritten.
 * Null when the opportunity no longer exists.
 */
export async function prepareOpportunityChange(opportunityId: string, change: OpportunityChange, ctx: RequestContext, at: string): Promise<PreparedOpportunityChange | null> {
  const { data: current } = await db().entities.opportunity.get({ opportunityId }).go({ consistent: true });
  if (!current) return null;
  const pipeline = await pipelineOrDefault(current.pipelineId);
  const to = change.stageFor ? change.stageFor(pipeline) : (stageOf(pipeline, current.stageId) ?? null);
  const moves = to !== null && to.stageId !== current.stageId;
  const amountChanges = change.amount !== undefined && (change.amount.amount !== current.amount.amount || change.amount.currency !== current.amount.currency);
  if (!moves && !amountChanges) return { current, changes: false, items: () => [] };
  const closedAt = moves ? closedAtFor(current, to, at) : current.closedAt;
  const set = definedOnly({
    ...(moves ? { stageId: to.stageId, status: to.kind, pipelineId: current.pipelineId, expectedCloseDate: current.expectedCloseDate } : {}),
    ...(amountChanges ? { amount: change.amount } : {}),
    closedAt,
    updatedAt: at,
  });
  const remove = moves && closedAt === undefined && current.closedAt ? (['closedAt'] as const) : ([] as const);
  const from = stageOf(pipeline, current.stageId) ?? { stageId: current.stageId, name: current.stageId, probability: 0, kind: current.status };
  const next = { ...current, ...set } as OpportunityItem;
  return {
    current,
    changes: true,
    items: (entities) => [
      entities.opportunity
        .patch({ opportunityId })
        .set(set)
        .remove([...remove])
        .add(bump)
        .where((a, op) => op.eq(a.updatedAt, current.updatedAt))
        .commit(),
      ...(moves ? stageMoveItems(entities, { opportunity: next, from: from as Stage, to, at, by: ctx.actorId }) : []),
    ],
  };
}
