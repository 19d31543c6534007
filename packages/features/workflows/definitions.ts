import type { EntityItem } from 'electrodb';
import type { workflowEntity } from '#packages/core/db/entities/workflow.ts';
import { db } from '#packages/core/db/service.ts';
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
