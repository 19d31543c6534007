import type { EntityItem } from 'electrodb';
import type { OpportunityView, StageChangeView } from './contract.ts';
import type { opportunityEntity } from '#packages/core/db/entities/opportunity.ts';
import type { opportunityStageChangeEntity } from '#packages/core/db/entities/opportunity-stage-change.ts';

export type OpportunityItem = EntityItem<typeof opportunityEntity>;
export type StageChangeItem = EntityItem<typeof opportunityStageChangeEntity>;

export function toOpportunityView(item: OpportunityItem): OpportunityView {
  return {
    id: item.opportunityId,
    name: item.name,
    contactId: item.contactId,
    companyId: item.companyId,
    pipelineId: item.pipelineId,
    stageId: item.stageId,
    status: item.status,
    amount: item.amount,
    expectedCloseDate: item.expectedCloseDate,
    assignedTo: item.assignedTo,
    leadId: item.leadId,
    closedAt: item.closedAt,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    revision: item.revision ?? 0,
  };
}

export function toStageChangeView(item: StageChangeItem): StageChangeView {
  return {
    id: item.changeId,
    opportunityId: item.opportunityId,
    pipelineId: item.pipelineId,
    from: item.fromStageId ? { stageId: item.fromStageId, name: item.fromStageName ?? item.fromStageId } : null,
    to: { stageId: item.toStageId, name: item.toStageName },
    at: item.at,
    by: item.by,
  };
}
