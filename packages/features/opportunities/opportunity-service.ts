import type {
  CreateOpportunityInput,
  OpportunityFilter,
  OpportunityView,
  StageChangeView,
  UpdateOpportunityInput,
} from './contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { allOf, assertRevision, bump, revisionCondition, revisionOf, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { pipelineOrDefault, stageOf, type PipelineItem } from '#packages/features/pipelines/index.ts';
import type { Stage } from '#packages/features/pipelines/index.ts';
import { definedOnly } from '#packages/core/views.ts';
import { toOpportunityView, toStageChangeView, type OpportunityItem } from './opportunity-view.ts';
import { closedAtFor, stageMoveItems } from './stage-change.ts';

/** A stage of the pipeline, or 422 `stage_not_found`; the first stage when none is named. */
export function stageIn(pipeline: PipelineItem, stageId: string | undefined): Stage {
  const stage = stageId === undefined ? pipeline.stages[0] : stageOf(pipeline, stageId);
  if (!stage) throw unprocessable('stage_not_found', `Pipeline ${pipeline.pipelineId} has no stage ${stageId}`, { pipelineId: pipeline.pipelineId });
  return stage;
}

/** A pipeline named in a body: unknown → 422 (the URL was fine). */
async function pipelineForBody(pipelineId: string | undefined, ctx: RequestContext): Promise<PipelineItem> {
  try {
    return await pipelineOrDefault(pipelineId, ctx);
  } catch (error) {
    if ((error as { kind?: string }).kind === 'not_found') throw unprocessable('pipeline_not_found', `Pipeline ${pipelineId} does not exist`);
    throw error;
  }
}

async function assertLinks(links: { contactId?: string | undefined; companyId?: string | undefined }): Promise<void> {
  const [contact, company] = await Promise.all([
    links.contactId ? db().entities.contact.get({ contactId: links.contactId }).go() : null,
    links.companyId ? db().entities.company.get({ companyId: links.companyId }).go() : null,
  ]);
  if (links.contactId && !contact?.data) throw unprocessable('contact_not_found', `Contact ${links.contactId} does not exist`);
  if (links.companyId && !company?.data) throw unprocessable('company_not_found', `Company ${links.companyId} does not exist`);
}

export interface NewOpportunity {
  name: string;
  contactId?: string | undefined;
  companyId?: string | undefined;
  amount: { amount: number; currency: string };
  expectedCloseDate: string;
  assignedTo?: string | undefined;
  leadId?: string | undefined;
}

/** The opportunity item in `stage` of `pipeline`, and the transaction items that create it with its first history line. */
export function opportunityCreation(
  input: NewOpportunity,
  pipeline: PipelineItem,
  stage: Stage,
  ctx: RequestContext,
  at = nowIso(),
): { item: OpportunityItem; items: (entities: TransactionEntities) => TransactionItem[] } {
  const item = definedOnly({
    ...input,
    opportunityId: newId(),
    pipelineId: pipeline.pipelineId,
    stageId: stage.stageId,
    status: stage.kind,
    closedAt: closedAtFor(null, stage, at),
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  }) as OpportunityItem;
  return {
    item,
    items: (entities) => [entities.opportunity.create(item).commit(), ...stageMoveItems(entities, { opportunity: item, from: null, to: stage, at, by: ctx.actorId })],
  };
}

export async function createOpportunity(input: CreateOpportunityInput, ctx: RequestContext): Promise<OpportunityView> {
  const pipeline = await pipelineForBody(input.pipelineId, ctx);
  const stage = stageIn(pipeline, input.stageId);
  await assertLinks(input);
  const { item, items } = opportunityCreation({ ...input, assignedTo: input.assignedTo ?? ctx.actorId }, pipeline, stage, ctx);
  const result = await db().transaction.write(items).go();
  if (result.canceled) throw conflict('concurrent_update', 'The opportunity could not be created; try again');
  return toOpportunityView(item);
}

async function opportunityOrThrow(id: string): Promise<OpportunityItem> {
  const { data } = await db().entities.opportunity.get({ opportunityId: id }).go({ consistent: true });
  if (!data) throw notFound('Opportunity', id);
  return data;
}

export async function getOpportunity(id: string): Promise<OpportunityView> {
  return toOpportunityView(await opportunityOrThrow(id));
}

/** One index per filter: pipeline (by expected close date), contact, owner; else all, newest first. */
export async function listOpportunities(filter: OpportunityFilter, callerId: string): Promise<Page<OpportunityView>> {
  const options = { limit: filter.limit, cursor: checkedCursor(filter.cursor) };
  const { opportunity } = db().entities;
  const assignedTo = filter.assignedTo === 'me' ? callerId : filter.assignedTo;
  const { data, cursor } = filter.pipelineId
    ? await opportunity.query.byPipelineClose({ pipelineId: filter.pipelineId }).go(options)
    : filter.contactId
      ? await opportunity.query.byContact({ contactId: filter.contactId }).go(options)
      : assignedTo
        ? await opportunity.query.byOwner({ assignedTo }).go(options)
        : await opportunity.query.all({}).go({ ...options, order: 'desc' });
  return { items: data.map(toOpportunityView), nextCursor: cursor };
}

/**
 * `PATCH /v1/opportunities/{id}` and `POST …/stage`. A new stage (or
 * pipeline) is a stage move: status and closedAt follow the stage's kind, and
 * the history item and timeline line commit with the change. The write is
 * conditional on `updatedAt`; a lost race re-reads and re-applies.
 */
export async function updateOpportunity(id: string, input: UpdateOpportunityInput, ctx: RequestContext, ifMatch?: ExpectedRevision): Promise<OpportunityView> {
  await assertLinks(input);
  const outcome = await withRaceRetries(async () => {
    const current = await opportunityOrThrow(id);
    assertRevision('Opportunity', id, current, ifMatch);
    const pipelineChanges = input.pipelineId !== undefined && input.pipelineId !== current.pipelineId;
    const pipeline = await pipelineForBody(pipelineChanges ? input.pipelineId : current.pipelineId, ctx);
    const to = stageIn(pipeline, input.stageId ?? (pipelineChanges ? undefined : current.stageId));
    const moves = pipelineChanges || to.stageId !== current.stageId;
    const at = nowIso();
    const closedAt = closedAtFor(current, to, at);
    const set = definedOnly({
      name: input.name,
      contactId: input.contactId,
      companyId: input.companyId,
      amount: input.amount,
      assignedTo: input.assignedTo ?? undefined,
      // Both composites of byPipelineClose, so its keys are rebuilt whole.
      pipelineId: pipeline.pipelineId,
      expectedCloseDate: input.expectedCloseDate ?? current.expectedCloseDate,
      stageId: to.stageId,
      status: to.kind,
      closedAt,
      updatedAt: at,
    });
    const remove = [...(input.assignedTo === null ? (['assignedTo'] as const) : []), ...(closedAt === undefined && current.closedAt ? (['closedAt'] as const) : [])];
    const next = { ...current, ...set, revision: revisionOf(current) + 1 } as OpportunityItem;
    for (const key of remove) delete next[key];
    const previousPipeline = pipelineChanges ? await pipelineOrDefault(current.pipelineId).catch(() => null) : pipeline;
    const from = (previousPipeline && stageOf(previousPipeline, current.stageId)) ?? { stageId: current.stageId, name: current.stageId, probability: 0, kind: current.status };
    const result = await db()
      .transaction.write((entities) => [
        entities.opportunity
          .patch({ opportunityId: id })
          .set(set)
          .remove([...remove])
          .add(bump)
          .where((attr, op) => allOf(op.eq(attr.updatedAt, current.updatedAt), revisionCondition(attr, op, ifMatch)))
          .commit(),
        ...(moves ? stageMoveItems(entities, { opportunity: next, from, to, at, by: ctx.actorId }) : []),
      ])
      .go();
    return result.canceled ? RETRY : toOpportunityView(next);
  }, 8);
  if (outcome === RETRY) throw conflict('concurrent_update', 'The opportunity kept changing meanwhile; read it and try again');
  return outcome;
}

/** `GET /v1/opportunities/{id}/history`: every stage move, oldest first (one Query of the opportunity's partition). */
export async function opportunityHistory(id: string, page: PageRequest): Promise<Page<StageChangeView>> {
  await opportunityOrThrow(id);
  const { data, cursor } = await db()
    .entities.opportunityStageChange.query.byOpportunity({ opportunityId: id })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toStageChangeView), nextCursor: cursor };
}
