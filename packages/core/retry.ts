/**
 * Retries a step that lost a race (a transaction canceled by a competing
 * writer). `attempt` returns a value to finish, `RETRY`, or `RETRY_NOW`;
 * jittered backoff after `RETRY` keeps many buyers from colliding again in
 * lockstep. `RETRY_NOW` is for an attempt that has just read fresh state for
 * its next try (a repick after a lost seat): a pause between that read and
 * the write would only let the read go stale.
 */
export const RETRY = Symbol('retry');
export const RETRY_NOW = Symbol('retry-now');

export async function withRaceRetries<T>(attempt: (n: number) => Promise<T | typeof RETRY | typeof RETRY_NOW>, maxAttempts = 25): Promise<T | typeof RETRY> {
  for (let n = 0; n < maxAttempts; n++) {
    const result = await attempt(n);
    if (result === RETRY_NOW) continue;
    if (result !== RETRY) return result;
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** Math.min(n, 5))));
  }
  return RETRY;
}
