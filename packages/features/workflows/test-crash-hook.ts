/**
 * Test hook (WORKFLOW_TEST_CRASH_AFTER_STEP=<run id prefix>): the worker
 * "crashes" once right after a step's effect, before the step is recorded as
 * done — the retry must not repeat the effect.
 */
let crashed = false;
export function stepCrashHook(runId: string): void {
  const prefix = process.env.WORKFLOW_TEST_CRASH_AFTER_STEP;
  if (!prefix || crashed || !runId.includes(prefix)) return;
  crashed = true;
  throw new Error(`test hook: crash after a step of ${runId}`);
}

export function resetStepCrashHook(): void {
  crashed = false;
}
