/**
 * Svix's schedule: after the first attempt (at once) fails, wait 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h; eight attempts in all.
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** A Retry-After longer than this is capped: the message still gets its remaining attempts. */
const MAX_RETRY_AFTER_MS = 10 * 3600_000;

/** ±10 %: endpoints that failed together do not all come back at the same second. */
const jitter = (ms: number, random: () => number) => Math.round(ms * (0.9 + 0.2 * random()));

/** Seconds or an HTTP date (RFC 9110 §10.2.3); null when neither. */
export function retryAfterMs(value: string | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/**
 * When the next attempt goes after `attemptsMade` failed ones, or null when
 * the message has had all its attempts. A 429 or 503 with Retry-After waits
 * as long as the receiver asked.
 */
export function nextAttemptAt(attemptsMade: number, now: number, retryAfter: number | null, random: () => number = Math.random): string | null {
  if (attemptsMade >= MAX_ATTEMPTS) return null;
  const scheduled = RETRY_DELAYS_MS[attemptsMade - 1] ?? RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]!;
  const delay = retryAfter !== null ? Math.min(retryAfter, MAX_RETRY_AFTER_MS) : jitter(scheduled, random);
  return new Date(now + delay).toISOString();
}
