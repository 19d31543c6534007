/** Test hook (CAMPAIGN_TEST_CRASH_AFTER_SENDS=N): the process "crashes" once, right after SES accepted its N-th message, before recording it. */
let acceptedInProcess = 0;
let crashed = false;
export function crashHook(): void {
  const after = Number(process.env.CAMPAIGN_TEST_CRASH_AFTER_SENDS || 0);
  if (!after || crashed) return;
  acceptedInProcess++;
  if (acceptedInProcess >= after) {
    crashed = true;
    throw new Error(`test hook: crash after ${after} accepted sends`);
  }
}

/** Re-arms the crash hook (tests). */
export function resetCrashHook(): void {
  acceptedInProcess = 0;
  crashed = false;
}
