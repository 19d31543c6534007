import { afterEach, describe, expect, it, vi } from 'vitest';
import { RETRY, RETRY_NOW, withRaceRetries } from '#packages/core/retry.ts';

describe('withRaceRetries', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('retries at once after RETRY_NOW: no pause between a fresh read and the next try', async () => {
    vi.useFakeTimers();
    const tries: number[] = [];
    // With fake timers, any pause would never end: the attempts must run without a timer.
    const outcome = await withRaceRetries(async (n) => {
      tries.push(n);
      return n < 3 ? RETRY_NOW : 'done';
    });
    expect(outcome).toBe('done');
    expect(tries).toEqual([0, 1, 2, 3]);
  });

  it('pauses after RETRY until the timer fires', async () => {
    vi.useFakeTimers();
    // The jitter is random: a draw near 0 makes a pause under 1 ms, which fake timers fire at once (flaked 1 run in 6).
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const tries: number[] = [];
    const pending = withRaceRetries(async (n) => {
      tries.push(n);
      return n < 1 ? RETRY : 'done';
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(tries).toEqual([0]);
    await vi.advanceTimersByTimeAsync(200);
    await expect(pending).resolves.toBe('done');
    expect(tries).toEqual([0, 1]);
  });

  it('gives up with RETRY after maxAttempts, whichever retry each asked for', async () => {
    let n = 0;
    const outcome = await withRaceRetries(async () => (++n % 2 ? RETRY_NOW : RETRY), 3);
    expect(outcome).toBe(RETRY);
    expect(n).toBe(3);
  });
});
