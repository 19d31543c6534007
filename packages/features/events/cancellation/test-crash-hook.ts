/**
 * Test hooks: the process "crashes" once, right after Stripe refunded its
 * N-th order (EVENT_CANCEL_TEST_CRASH_AFTER_REFUNDS) or SES accepted its N-th
 * email (EVENT_CANCEL_TEST_CRASH_AFTER_EMAILS), before either is recorded —
 * the worst moments for exactly-once. Unset, they do nothing.
 */
const counts = { refund: 0, email: 0 };
const crashed = { refund: false, email: false };
const variable = { refund: 'EVENT_CANCEL_TEST_CRASH_AFTER_REFUNDS', email: 'EVENT_CANCEL_TEST_CRASH_AFTER_EMAILS' } as const;

export function crashHook(after: 'refund' | 'email'): void {
  const n = Number(process.env[variable[after]] || 0);
  if (!n || crashed[after]) return;
  if (++counts[after] >= n) {
    crashed[after] = true;
    throw new Error(`test hook: crash after ${n} ${after}s`);
  }
}

/** Which hooks have fired since the last reset (tests). */
export const crashesSoFar = () => ({ ...crashed });

/** Re-arms both hooks (tests). */
export function resetCrashHooks(): void {
  counts.refund = counts.email = 0;
  crashed.refund = crashed.email = false;
}
