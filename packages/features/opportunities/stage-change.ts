import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { newId } from '#packages/core/ids.ts';
import type { Stage } from '#packages/features/pipelines/index.ts';
import type { OpportunityItem } from './opportunity-view.ts';

export interface StageMove {
  /** The opportunity as it is after the move. */
  opportunity: Pick<OpportunityItem, 'opportunityId' | 'name' | 'contactId' | 'pipelineId' | 'amount'>;
  from: Stage | null;
  to: Stage;
  at: string;
  by: string;
}

/**
 * The record of a stage move, for the transaction that makes it: the
 * history item and, when the opportunity has a contact, a line on the
 * contact's timeline (its id derived from the history item's, so both are one fact).
 */
export function stageMoveItems(entities: TransactionEntities, move: StageMove): TransactionItem[] {
  const changeId = newId();
  const { opportunity, from, to, at, by } = move;
  const items: TransactionItem[] = [
    entities.opportunityStageChange
      .create({
        opportunityId: opportunity.opportunityId,
        changeId,
        pipelineId: opportunity.pipelineId,
        fromStageId: from?.stageId,
        fromStageName: from?.name,
        toStageId: to.stageId,
        toStageName: to.name,
        at,
        by,
      })
      .commit(),
  ];
  if (opportunity.contactId) {
    items.push(
      entities.timelineEntry
        .put({
          entryId: `opportunity.stage_changed:${changeId}`,
          contactId: opportunity.contactId,
          occurredAt: at,
          kind: 'opportunity.stage_changed',
          summary: from ? `${opportunity.name}: ${from.name} → ${to.name}` : `${opportunity.name} opened in ${to.name}`,
          refType: 'opportunity',
          refId: opportunity.opportunityId,
          data: { from: from ? { stageId: from.stageId, name: from.name } : null, to: { stageId: to.stageId, name: to.name, kind: to.kind }, amount: opportunity.amount, by },
          createdAt: at,
          updatedAt: at,
        })
        .commit(),
    );
  }
  return items;
}

/** When an opportunity entering `to` is closed: now when it closes (or flips won/lost), unchanged while it stays closed the same way. */
export function closedAtFor(current: Pick<OpportunityItem, 'status' | 'closedAt'> | null, to: Stage, at: string): string | undefined {
  if (to.kind === 'open') return undefined;
  return current && current.status === to.kind && current.closedAt ? current.closedAt : at;
}
