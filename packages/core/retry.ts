/**
 * Retries a step that lost a race (a transaction canceled by a competing
 * writer). `attempt` returns a value to finish, or `RETRY`; jittered backoff
 * keeps many buyers from colliding again in lockstep.
 */
export const RETRY = Symbol('retry');

export async function withRaceRetries<T>(attempt: (n: number) => Promise<T | typeof RETRY>, maxAttempts = 25): Promise<T | typeof RETRY> {
  for (let n = 0; n < maxAttempts; n++) {
    const result = await attempt(n);
    if (result !== RETRY) return result;
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(200, 10 * 2 ** Math.min(n, 5))));
  }
  return RETRY;
}
