import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, retryAfterMs } from '#packages/features/webhooks/retry-schedule.ts';

const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));

describe("webhook retries: Svix's schedule", () => {
  const now = Date.parse('2026-12-01T10:00:00.000Z');

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after each failure (no jitter at 0.5), then gives up', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => at(nextAttemptAt(i + 1, now, null, () => 0.5)));
    expect(delays.map((t) => (t === null ? null : t - now))).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
  });

  it('jitters within ±10 %', () => {
    expect(at(nextAttemptAt(2, now, null, () => 0))! - now).toBe(270_000);
    expect(at(nextAttemptAt(2, now, null, () => 1))! - now).toBe(330_000);
  });

  it('honours Retry-After in seconds or as a date, capped at 10 h', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Tue, 01 Dec 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(at(nextAttemptAt(1, now, 120_000))! - now).toBe(120_000);
    expect(at(nextAttemptAt(1, now, 48 * 3600_000))! - now).toBe(10 * 3600_000);
  });
});
