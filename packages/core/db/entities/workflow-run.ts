import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const WORKFLOW_RUN_STATUSES = ['running', 'waiting', 'completed', 'exited', 'goal_met', 'depth_exceeded', 'failed'] as const;
/** `wakeAt` of a run with nothing left to do: sorts after every ISO time. */
export const NOT_DUE = 'never';
export const WORKFLOW_DUE_SHARDS = 4;

/**
 * One contact's pass through one version of a workflow. Its id is made from
 * the workflow and the triggering event, so a duplicated event starts it once.
 * `wakeAt` is when a waiting run resumes — and, while it runs, the end of the
 * lease of the worker advancing it (a crashed worker's run is picked up by the
 * due job then). Steps are workflowRunStep items.
 */
export const workflowRunSchema = {
  model: { entity: 'workflowRun', version: '1', service: SERVICE },
  attributes: {
    runId: { type: 'string', required: true, readOnly: true },
    workflowId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    triggerEventId: { type: 'string', required: true, readOnly: true },
    triggerType: { type: 'string', required: true, readOnly: true },
    /** The triggering event's data, JSON: what conditions and templates read. */
    context: { type: 'string', required: true, readOnly: true },
    /** How many workflow hops led to this run (event metadata `depth`). */
    depth: { type: 'number', required: true, readOnly: true },
    status: { type: WORKFLOW_RUN_STATUSES, required: true },
    stepIndex: { type: 'number', required: true },
    wakeAt: { type: 'string', required: true },
    dueShard: { type: 'string', required: true, readOnly: true },
    endedAt: { type: 'string' },
    note: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['runId'] }, sk: { field: 'sk', composite: [] } },
    byWorkflow: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['workflowId'] }, sk: { field: 'gsi1sk', composite: ['runId'] } },
    due: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['dueShard'] }, sk: { field: 'gsi2sk', composite: ['wakeAt', 'runId'] } },
    byContact: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['contactId'] }, sk: { field: 'gsi3sk', composite: ['runId'] } },
  },
} as const;

export declare const workflowRunEntity: Db['entities']['workflowRun'];
