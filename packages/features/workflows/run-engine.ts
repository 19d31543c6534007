import { nowIso } from '#packages/core/clock.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { NOT_DUE } from '#packages/core/db/entities/workflow-run.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { scheduleWakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import { perform, type RunItem } from './actions.ts';
import { holds } from './conditions.ts';
import { definitionOf, workflowItem } from './definitions.ts';
import { factsOf } from './facts.ts';
import { stepCrashHook } from './test-crash-hook.ts';

/** How long a worker holds a running run; past it the due job takes the run over. */
export const runLeaseMs = (): number => Number(process.env.WORKFLOW_LEASE_SECONDS || 120) * 1000;
/** A paused workflow's waiting run looks again this much later. */
const PAUSED_RECHECK_MS = 60_000;
const MAX_STEPS_PER_CALL = 60;

type EndStatus = 'completed' | 'exited' | 'goal_met' | 'failed';

/** Ends a running or waiting run (once), and frees the contact's enrolment for re-enrolment. */
export async function endRun(run: Pick<RunItem, 'runId' | 'workflowId' | 'contactId'>, status: EndStatus, note: string, from: 'running' | 'waiting' = 'running'): Promise<boolean> {
  const at = nowIso();
  const ended = await writtenIfCondition(() =>
    db()
      .entities.workflowRun.patch({ runId: run.runId })
      .set({ status, wakeAt: NOT_DUE, endedAt: at, note })
      .where((a, op) => op.eq(a.status, from as RunItem['status']))
      .go(),
  );
  if (!ended) return false;
  await writtenIfCondition(() =>
    db()
      .entities.workflowEnrolment.patch({ workflowId: run.workflowId, contactId: run.contactId })
      .set({ lastExitAt: at })
      .remove(['activeRunId'])
      .where((a, op) => op.eq(a.activeRunId, run.runId))
      .go(),
  );
  return true;
}

/** Claims the step before its effect; null when another worker (or an earlier try) has it. */
async function claimStep(run: RunItem, stepType: string): Promise<boolean> {
  return writtenIfCondition(() =>
    db().entities.workflowRunStep.create({ runId: run.runId, stepIndex: run.stepIndex, stepType, status: 'started', startedAt: nowIso() }).go(),
  );
}

async function settleStep(runId: string, stepIndex: number, status: 'done' | 'skipped' | 'unknown' | 'failed', result: string): Promise<void> {
  await db().entities.workflowRunStep.patch({ runId, stepIndex }).set({ status, result, finishedAt: nowIso() }).go();
}

/** Moves the run from step `from` on (only if it is still there: one mover wins). */
async function moveTo(run: RunItem, next: number, extra: { status?: 'waiting'; wakeAt?: string } = {}): Promise<boolean> {
  return writtenIfCondition(() =>
    db()
      .entities.workflowRun.patch({ runId: run.runId })
      .set({ stepIndex: next, ...extra })
      .where((a, op) => `${op.eq(a.stepIndex, run.stepIndex)} AND ${op.eq(a.status, 'running')}`)
      .go(),
  );
}

/**
 * Runs a `running` run forward until it waits, ends, or is someone else's.
 * Each step: the goal first (met: the run ends), then the step item written
 * if absent (else the step ran or is running elsewhere: never again — a step
 * a crash left `started` is settled `unknown`), the effect, the move on.
 */
export async function advanceRun(runId: string): Promise<void> {
  for (let i = 0; i < MAX_STEPS_PER_CALL; i++) {
    const { data: run } = await db().entities.workflowRun.get({ runId }).go({ consistent: true });
    if (!run || run.status !== 'running') return;
    const workflow = await workflowItem(run.workflowId);
    const definition = await definitionOf(run.workflowId, run.version);
    const facts = await factsOf(run.context, run.contactId);
    if (!workflow || workflow.status === 'paused') {
      await writtenIfCondition(() =>
        db()
          .entities.workflowRun.patch({ runId })
          .set({ status: 'waiting', wakeAt: new Date(Date.now() + PAUSED_RECHECK_MS).toISOString() })
          .where((a, op) => op.eq(a.status, 'running'))
          .go(),
      );
      return;
    }
    if (definition.goal && holds(definition.goal, facts)) {
      await endRun(run, 'goal_met', `goal met before step ${run.stepIndex}`);
      return;
    }
    const step = definition.steps[run.stepIndex];
    if (!step) {
      await endRun(run, 'completed', 'all steps done');
      return;
    }
    if (!(await claimStep(run, step.type))) {
      const { data: existing } = await db().entities.workflowRunStep.get({ runId, stepIndex: run.stepIndex }).go({ consistent: true });
      // Claimed earlier and never settled: its worker died somewhere around the effect. Not repeated.
      if (existing?.status === 'started') await settleStep(runId, run.stepIndex, 'unknown', 'worker stopped during the step; not repeated');
      await moveTo(run, run.stepIndex + 1);
      continue;
    }
    let outcome;
    try {
      outcome = await perform(step, run, facts, Date.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      logger.warn('workflow step failed', { runId, stepIndex: run.stepIndex, error: message });
      await settleStep(runId, run.stepIndex, 'failed', message.slice(0, 500));
      await endRun(run, 'failed', `step ${run.stepIndex} (${step.type}) failed`);
      return;
    }
    stepCrashHook(runId);
    await settleStep(runId, run.stepIndex, outcome.kind === 'skipped' ? 'skipped' : 'done', outcome.result);
    if (outcome.kind === 'exit') {
      await endRun(run, 'exited', outcome.result);
      return;
    }
    if (outcome.kind === 'wait') {
      if (await moveTo(run, run.stepIndex + 1, { status: 'waiting', wakeAt: outcome.until })) {
        // A one-shot wake-up at its time (EventBridge Scheduler deployed); the due job's sweep stays the safety net.
        await scheduleWakeUp({ kind: 'workflow-run', id: runId, at: outcome.until });
      }
      return;
    }
    await moveTo(run, outcome.kind === 'goto' ? outcome.index : run.stepIndex + 1);
  }
}

/** A waiting run whose time came, or a running one whose worker's lease ran out: this worker's now. */
export async function claimDueRun(runId: string, status: 'waiting' | 'running', now: number): Promise<boolean> {
  return writtenIfCondition(() =>
    db()
      .entities.workflowRun.patch({ runId })
      .set({ status: 'running', wakeAt: new Date(now + runLeaseMs()).toISOString() })
      .where((a, op) => `${op.eq(a.status, status as RunItem['status'])} AND ${op.lte(a.wakeAt, new Date(now).toISOString())}`)
      .go(),
  );
}
