import type { EntityItem } from 'electrodb';
import type { workflowEntity } from '#packages/core/db/entities/workflow.ts';
import { db } from '#packages/core/db/service.ts';
import { ttlCache } from '#packages/core/cache/ttl-cache.ts';
import { WorkflowDefinition, type WorkflowDefinitionValue } from './contract.ts';

export type WorkflowItem = EntityItem<typeof workflowEntity>;

/** Versions never change: a process keeps every one it has read. */
const versions = new Map<string, WorkflowDefinitionValue>();

export async function definitionOf(workflowId: string, version: number): Promise<WorkflowDefinitionValue> {
  const key = `${workflowId}#${version}`;
  const known = versions.get(key);
  if (known) return known;
  const { data } = await db().entities.workflowVersion.get({ workflowId, version }).go();
  if (!data) throw new Error(`workflow ${workflowId} has no version ${version}`);
  const definition = WorkflowDefinition.parse(JSON.parse(data.definition));
  versions.set(key, definition);
  return definition;
}

export async function workflowItem(workflowId: string): Promise<WorkflowItem | null> {
  const { data } = await db().entities.workflow.get({ workflowId }).go();
  return data;
}

/**
 * Every workflow (a tenant has tens), as the trigger consumer reads them for
 * each event: kept 5 s per process, so a burst of events costs a Query every
 * 5 s, and a tenant without workflows pays nothing more per event. A change
 * made by this process drops its copy at once; other processes see it within 5 s.
 */
const workflowsCache = ttlCache<WorkflowItem[]>(5_000, 1);
export function allWorkflows(): Promise<WorkflowItem[]> {
  return workflowsCache.get('all', async () => (await db().entities.workflow.query.all({}).go({ pages: 'all' })).data);
}
export const forgetWorkflows = (): void => workflowsCache.clear();
