import { nowIso } from '#packages/core/clock.ts';
import { NOT_DUE, WORKFLOW_DUE_SHARDS } from '#packages/core/db/entities/workflow-run.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import type { WorkflowDefinitionValue } from './contract.ts';
import type { WorkflowItem } from './definitions.ts';
import { advanceRun, runLeaseMs } from './run-engine.ts';

/** Past this many workflow hops, a chain of workflows triggering each other stops. */
export const MAX_DEPTH = 5;

const dueShardOf = (id: string) => String(id.charCodeAt(id.length - 1) % WORKFLOW_DUE_SHARDS);

export interface RunStart {
  workflow: WorkflowItem;
  definition: WorkflowDefinitionValue;
  contactId: string;
  /** The id the run is made from: the triggering event's (a duplicate starts nothing), or a fresh one. */
  triggerEventId: string;
  triggerType: string;
  eventFacts: Record<string, unknown>;
  depth: number;
}

export type StartOutcome = 'started' | 'resumed' | 'not_enrolled' | 'depth_exceeded';

export const runIdOf = (workflowId: string, triggerEventId: string) => `${triggerEventId}_${workflowId}`;

/** The enrolment write's condition per re-enrolment mode. */
function enrolmentCondition(definition: WorkflowDefinitionValue, now: number) {
  const { mode, cooldownHours = 0 } = definition.reEnrolment;
  const cutoff = new Date(now - cooldownHours * 3600_000).toISOString();
  return (a: { lastEnrolledAt: unknown; activeRunId: unknown }, op: { notExists(x: unknown): string; lte(x: unknown, v: string): string }) => {
    if (mode === 'never') return op.notExists(a.lastEnrolledAt);
    if (mode === 'after_exit') return op.notExists(a.activeRunId);
    return `(${op.notExists(a.lastEnrolledAt)} OR ${op.lte(a.lastEnrolledAt, cutoff)})`;
  };
}

/**
 * Starts one run: the contact's enrolment (per the re-enrolment mode) and the
 * run item in one transaction, both conditional; the run's id comes from the
 * event, so a duplicated event finds its run and only pushes it on. Past the
 * depth limit the run is recorded as `depth_exceeded` and does nothing.
 */
export async function startRun(start: RunStart): Promise<StartOutcome> {
  const { workflow, definition, contactId, triggerEventId, depth } = start;
  const runId = runIdOf(workflow.workflowId, triggerEventId);
  const now = Date.now();
  const at = nowIso();
  const base = {
    runId,
    workflowId: workflow.workflowId,
    version: workflow.currentVersion,
    contactId,
    triggerEventId,
    triggerType: start.triggerType,
    context: JSON.stringify(start.eventFacts),
    depth,
    stepIndex: 0,
    dueShard: dueShardOf(runId),
  };
  if (depth >= MAX_DEPTH) {
    try {
      await db()
        .entities.workflowRun.create({ ...base, status: 'depth_exceeded', wakeAt: NOT_DUE, endedAt: at, note: `stopped: ${depth} workflow hops led here (limit ${MAX_DEPTH})` })
        .go();
    } catch (error) {
      // Recorded already (a duplicate event).
      if (!isConditionFailure(error)) throw error;
    }
    return 'depth_exceeded';
  }
  const tx = namedTransaction<'enrolment' | 'run'>();
  tx.add(
    'enrolment',
    tx.entities.workflowEnrolment
      .put({ workflowId: workflow.workflowId, contactId, activeRunId: runId, lastEnrolledAt: at })
      .where(enrolmentCondition(definition, now) as never)
      .commit(),
  );
  tx.add('run', tx.entities.workflowRun.create({ ...base, status: 'running', wakeAt: new Date(now + runLeaseMs()).toISOString() }).commit());
  const result = await tx.go();
  if (result.canceled) {
    if (tx.rejected(result, 'run')) {
      // This event's run exists: push it on (a redelivery after a crash); its steps never repeat.
      await advanceRun(runId);
      return 'resumed';
    }
    if (tx.rejected(result, 'enrolment')) return 'not_enrolled';
    throw new Error(`workflow run ${runId}: transaction conflict`);
  }
  await advanceRun(runId);
  return 'started';
}
