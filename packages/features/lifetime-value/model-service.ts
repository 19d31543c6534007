import { scheduleWakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { LtvModelView, LtvRunView } from './contract.ts';
import { requestRun } from './run-request.ts';
import { readState, type RunState } from './run-state.ts';

const runView = (run: RunState): LtvRunView => ({
  runId: run.runId,
  status: run.status,
  trigger: run.trigger,
  ...(run.prefer ? { prefer: run.prefer } : {}),
  requestedAt: run.requestedAt,
  ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
  scored: run.scored,
});

export async function getModel(): Promise<LtvModelView> {
  const { fit, run } = await readState();
  return {
    method: fit?.method ?? null,
    reason: fit?.reason ?? null,
    params: fit?.params ?? null,
    spendModel: fit?.spendModel ?? null,
    spendParams: fit?.spendParams ?? null,
    spendFrequencyCorrelation: fit?.spendFrequencyCorrelation ?? null,
    buyers: fit?.buyers ?? 0,
    repeatBuyers: fit?.repeatBuyers ?? 0,
    logLikelihood: fit?.logLikelihood ?? null,
    fittedAt: fit?.fittedAt ?? null,
    run: run ? runView(run) : null,
  };
}

/** A run now: the state item admits one at a time; the work goes to a one-shot wake-up (functions/jobs/wake-up.ts). */
export async function startRun(prefer?: 'bg-bb' | 'bg-nbd'): Promise<{ run: LtvRunView; started: boolean }> {
  const { run, started } = await requestRun('request', prefer);
  // Also for a run in progress: it may have stalled (a Lambda that ran out of time); continuing it is harmless.
  await scheduleWakeUp({ kind: 'lifetime-value-run', id: run.runId, at: nowIso() });
  return { run: runView(run), started };
}
