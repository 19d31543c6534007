import { WORKFLOW_DUE_SHARDS } from '#packages/core/db/entities/workflow-run.ts';
import { db } from '#packages/core/db/service.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { advanceRun, claimDueRun } from './run-engine.ts';
import { fireDueSchedules } from './schedule-trigger.ts';

/**
 * Waiting runs whose time came, and running runs whose worker's lease ran out
 * (a crash): claimed one by one (a conditional write: overlapping runs of the
 * job take each once) and run forward.
 */
export async function runDueWorkflowRuns(): Promise<{ resumed: number }> {
  const now = Date.now();
  const nowIsoValue = new Date(now).toISOString();
  const due = (
    await Promise.all(
      Array.from({ length: WORKFLOW_DUE_SHARDS }, async (_, shard) => {
        const { data } = await db()
          .entities.workflowRun.query.due({ dueShard: String(shard) })
          .lte({ wakeAt: nowIsoValue })
          .go({ limit: 200, attributes: ['runId', 'status'] });
        return data;
      }),
    )
  ).flat();
  let resumed = 0;
  await pool(due, 4, () => false, async (run) => {
    if (run.status !== 'waiting' && run.status !== 'running') return;
    if (!(await claimDueRun(run.runId, run.status, now))) return;
    resumed++;
    await advanceRun(run.runId);
  });
  return { resumed };
}

/** The job: schedule triggers whose occurrence came, and due runs. */
export async function runDueWorkflowWork(): Promise<{ resumed: number; fired: number; started: number }> {
  // Side by side: a large segment's enrolment does not hold up the waits that are due.
  const [schedules, runs] = await Promise.all([fireDueSchedules(), runDueWorkflowRuns()]);
  return { ...schedules, ...runs };
}

/** A one-shot wake-up of one waiting run (its schedule fired): claimed like the sweep claims it, so the two never both advance it. */
export async function wakeRun(runId: string): Promise<boolean> {
  if (!(await claimDueRun(runId, 'waiting', Date.now()))) return false;
  await advanceRun(runId);
  return true;
}
