import type { EntityItem } from 'electrodb';
import type { CreatePipelineInput, PipelineView, UpdatePipelineInput } from './contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { pipelineEntity } from '#packages/core/db/entities/pipeline.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { checkedStages, DEFAULT_STAGES, type Stage } from './stages.ts';

export type PipelineItem = EntityItem<typeof pipelineEntity>;

export function toPipelineView(item: PipelineItem, defaultId: string | null): PipelineView {
  return {
    id: item.pipelineId,
    name: item.name,
    stages: item.stages.map((s) => ({ id: s.stageId, name: s.name, probability: s.probability, kind: s.kind })),
    isDefault: item.pipelineId === defaultId,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

/**
 * The default pipeline, created on first use: the pipeline and the
 * `defaultPipeline` pointer go in one transaction whose pointer is put only
 * if absent, so concurrent first uses agree on one pipeline.
 */
export async function ensureDefaultPipeline(ctx?: Pick<RequestContext, 'actorId'>): Promise<PipelineItem> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const { data: pointer } = await db().entities.defaultPipeline.get({}).go({ consistent: true });
    if (pointer) {
      const { data } = await db().entities.pipeline.get({ pipelineId: pointer.pipelineId }).go({ consistent: true });
      if (data) return data;
      throw new Error(`the default pipeline ${pointer.pipelineId} is missing`);
    }
    const at = nowIso();
    const item: PipelineItem = {
      pipelineId: newId(),
      name: 'Sales',
      stages: checkedStages(DEFAULT_STAGES),
      createdBy: ctx?.actorId ?? 'system',
      createdAt: at,
      updatedAt: at,
    };
    const result = await db()
      .transaction.write(({ pipeline, defaultPipeline }) => [
        defaultPipeline.create({ pipelineId: item.pipelineId, createdAt: at, updatedAt: at }).commit(),
        pipeline.create(item).commit(),
      ])
      .go();
    if (!result.canceled) return item;
  }
  throw new Error('ensureDefaultPipeline kept losing races');
}

async function defaultPipelineId(): Promise<string | null> {
  const { data } = await db().entities.defaultPipeline.get({}).go();
  return data?.pipelineId ?? null;
}

/** The pipeline, or the default one when no id is given; 404 for an unknown id. */
export async function pipelineOrDefault(id: string | undefined, ctx?: Pick<RequestContext, 'actorId'>): Promise<PipelineItem> {
  if (id === undefined) return ensureDefaultPipeline(ctx);
  const { data } = await db().entities.pipeline.get({ pipelineId: id }).go();
  if (!data) throw notFound('Pipeline', id);
  return data;
}

export const stageOf = (pipeline: Pick<PipelineItem, 'stages'>, stageId: string): Stage | undefined =>
  pipeline.stages.find((s) => s.stageId === stageId);

export async function createPipeline(input: CreatePipelineInput, ctx: RequestContext): Promise<PipelineView> {
  const at = nowIso();
  const item: PipelineItem = { pipelineId: newId(), name: input.name, stages: checkedStages(input.stages), createdBy: ctx.actorId, createdAt: at, updatedAt: at };
  await db().entities.pipeline.create(item).go();
  return toPipelineView(item, await defaultPipelineId());
}

/** Every pipeline (the default one created if there is none yet): one Query of their shared partition. */
export async function listPipelines(page: PageRequest, ctx: RequestContext): Promise<Page<PipelineView>> {
  const fallback = await ensureDefaultPipeline(ctx);
  const { data, cursor } = await db().entities.pipeline.query.byId({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  const defaultId = (await defaultPipelineId()) ?? fallback.pipelineId;
  return { items: data.map((p) => toPipelineView(p, defaultId)), nextCursor: cursor };
}

export async function getPipeline(id: string): Promise<PipelineView> {
  const [item, defaultId] = await Promise.all([pipelineOrDefault(id), defaultPipelineId()]);
  return toPipelineView(item, defaultId);
}

/**
 * Renames, re-weighs, reorders or adds stages; every existing stage stays
 * with its kind (checkedStages). Conditional on `updatedAt`: two editors
 * cannot silently overwrite each other.
 */
export async function updatePipeline(id: string, input: UpdatePipelineInput): Promise<PipelineView> {
  const current = await pipelineOrDefault(id);
  const stages = input.stages ? checkedStages(input.stages, current.stages) : current.stages;
  const at = nowIso();
  const next = { ...current, ...(input.name ? { name: input.name } : {}), stages, updatedAt: at };
  try {
    await db()
      .entities.pipeline.patch({ pipelineId: id })
      .set({ name: next.name, stages, updatedAt: at })
      .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('concurrent_update', 'The pipeline changed meanwhile; read it and try again');
    throw error;
  }
  return toPipelineView(next, await defaultPipelineId());
}
