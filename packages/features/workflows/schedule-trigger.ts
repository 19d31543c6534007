import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { listSegmentMemberIds } from '#packages/features/segments/index.ts';
import type { WorkflowDefinitionValue, WorkflowTriggerValue } from './contract.ts';
import { allWorkflows, definitionOf, forgetWorkflows, type WorkflowItem } from './definitions.ts';
import { eventFacts } from './facts.ts';
import { nextOccurrence } from './schedule-times.ts';
import { startRun } from './start-run.ts';

type ScheduleTrigger = Extract<WorkflowTriggerValue, { type: 'schedule' }>;


/** Members a page, and pages one job run enrols per workflow; a larger segment goes on from its cursor the next minute. */
const pageSize = () => Number(process.env.WORKFLOW_SCHEDULE_PAGE || 100);
const pagesPerRun = () => Number(process.env.WORKFLOW_SCHEDULE_PAGES_PER_RUN || 20);

/**
 * Starts a run for each member of the segment, for one occurrence, from the
 * saved cursor on: the run id is the occurrence's and the contact's, so a
 * repeat starts nothing. Returns the cursor to go on from (null: done).
 */
async function enrolSegment(workflow: WorkflowItem, definition: WorkflowDefinitionValue, trigger: ScheduleTrigger, occurrence: string): Promise<{ started: number; cursor: string | null }> {
  const facts = await eventFacts({ segmentId: trigger.segmentId, occurrence });
  let started = 0;
  let cursor: string | null = workflow.fireCursor ?? null;
  for (let page = 0; page < pagesPerRun(); page++) {
    const members = await listSegmentMemberIds(trigger.segmentId, { limit: pageSize(), cursor });
    await pool(members.contactIds, 4, () => false, async (contactId) => {
      const outcome = await startRun({
        workflow,
        definition,
        contactId,
        triggerEventId: `sched${occurrence.replace(/\D/g, '')}-${contactId}`,
        triggerType: 'schedule',
        eventFacts: facts,
        depth: 0,
      });
      if (outcome === 'started') started++;
    });
    cursor = members.nextCursor;
    if (!cursor) break;
  }
  return { started, cursor };
}

/**
 * Schedule-triggered workflows whose occurrence came: the segment's members
 * are enrolled first — up to 20 pages of 100 a run, the cursor saved for
 * the next — then `nextFireAt` moves on (conditionally: one job run moves
 * it). A job that dies between the two enrols the rest again next minute —
 * the runs exist already, so nobody is enrolled twice for one occurrence.
 */
export async function fireDueSchedules(now = Date.now()): Promise<{ fired: number; started: number }> {
  const due = (await allWorkflows()).filter((w) => w.status === 'active' && w.triggerKey === 'schedule' && w.nextFireAt && Date.parse(w.nextFireAt) <= now);
  let fired = 0;
  let started = 0;
  for (const workflow of due) {
    const definition = await definitionOf(workflow.workflowId, workflow.currentVersion);
    if (definition.trigger.type !== 'schedule') continue;
    const occurrence = workflow.nextFireAt!;
    const id = { workflowId: workflow.workflowId };
    let cursor: string | null = null;
    try {
      const result = await enrolSegment(workflow, definition, definition.trigger, occurrence);
      started += result.started;
      cursor = result.cursor;
    } catch (error) {
      // A deleted segment: the occurrence passes with nobody enrolled (the next one tries again).
      logger.warn('scheduled workflow could not enrol its segment', { workflowId: workflow.workflowId, error: (error as Error).message });
    }
    if (cursor) {
      await writtenIfCondition(() => db().entities.workflow.patch(id).set({ fireCursor: cursor! }).where((a, op) => op.eq(a.nextFireAt, occurrence)).go());
      continue;
    }
    const next = new Date(nextOccurrence(definition.trigger, Math.max(now, Date.parse(occurrence)))).toISOString();
    if (await writtenIfCondition(() => db().entities.workflow.patch(id).set({ nextFireAt: next }).remove(['fireCursor']).where((a, op) => op.eq(a.nextFireAt, occurrence)).go())) fired++;
  }
  if (due.length) forgetWorkflows();
  return { fired, started };
}
