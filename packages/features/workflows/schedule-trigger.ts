import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { listSegmentMemberIds } from '#packages/features/segments/index.ts';
import type { WorkflowDefinitionValue, WorkflowTriggerValue } from './contract.ts';
import { allWorkflows, definitionOf, forgetWorkflows, type WorkflowItem } from './definitions.ts';
import { eventFacts } from './facts.ts';
import { localTimeOn } from './local-time.ts';
import { startRun } from './start-run.ts';

type ScheduleTrigger = Extract<WorkflowTriggerValue, { type: 'schedule' }>;

const weekdayOf = (instant: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date(instant)).toLowerCase().slice(0, 3);

/** The first occurrence of the schedule strictly after `after` (a local time on the listed weekdays, DST-aware). */
export function nextOccurrence(trigger: ScheduleTrigger, after: number): number {
  for (let day = 0; day <= 8; day++) {
    const at = localTimeOn(after, day, trigger.at, trigger.timezone);
    if (at > after && (!trigger.days || trigger.days.includes(weekdayOf(at, trigger.timezone) as never))) return at;
  }
  throw new Error('a weekly schedule always has an occurrence within 8 days');
}

/** `nextFireAt` for a workflow item with this definition (absent: not a schedule). */
export function scheduleFields(definition: WorkflowDefinitionValue, now: number): { nextFireAt?: string } {
  return definition.trigger.type === 'schedule' ? { nextFireAt: new Date(nextOccurrence(definition.trigger, now)).toISOString() } : {};
}

const PAGE = 100;

/** Starts a run for each member of the segment, for one occurrence: the run id is the occurrence's and the contact's, so a repeat starts nothing. */
async function enrolSegment(workflow: WorkflowItem, definition: WorkflowDefinitionValue, trigger: ScheduleTrigger, occurrence: string): Promise<number> {
  const facts = await eventFacts({ segmentId: trigger.segmentId, occurrence });
  let started = 0;
  let cursor: string | null = null;
  do {
    const page = await listSegmentMemberIds(trigger.segmentId, { limit: PAGE, cursor });
    await pool(page.contactIds, 4, () => false, async (contactId) => {
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
    cursor = page.nextCursor;
  } while (cursor);
  return started;
}

/**
 * Schedule-triggered workflows whose occurrence came: the segment's members
 * are enrolled first, then `nextFireAt` moves on (conditionally: one job run
 * moves it). A job that dies between the two enrols again next minute — the
 * runs exist already, so nobody is enrolled twice for one occurrence.
 */
export async function fireDueSchedules(now = Date.now()): Promise<{ fired: number; started: number }> {
  const due = (await allWorkflows()).filter((w) => w.status === 'active' && w.triggerKey === 'schedule' && w.nextFireAt && Date.parse(w.nextFireAt) <= now);
  let fired = 0;
  let started = 0;
  for (const workflow of due) {
    const definition = await definitionOf(workflow.workflowId, workflow.currentVersion);
    if (definition.trigger.type !== 'schedule') continue;
    const occurrence = workflow.nextFireAt!;
    try {
      started += await enrolSegment(workflow, definition, definition.trigger, occurrence);
    } catch (error) {
      // A deleted segment: the occurrence passes with nobody enrolled (the next one tries again).
      logger.warn('scheduled workflow could not enrol its segment', { workflowId: workflow.workflowId, error: (error as Error).message });
    }
    try {
      await db()
        .entities.workflow.patch({ workflowId: workflow.workflowId })
        .set({ nextFireAt: new Date(nextOccurrence(definition.trigger, Math.max(now, Date.parse(occurrence)))).toISOString() })
        .where((a, op) => op.eq(a.nextFireAt, occurrence))
        .go();
      fired++;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
  if (due.length) forgetWorkflows();
  return { fired, started };
}
