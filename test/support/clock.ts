import { vi } from 'vitest';

/**
 * Moves the wall clock `ms` forward for code that reads Date (leases, due
 * times), with timers still real, instead of sleeping until that time comes:
 * a sleep makes a test as slow as the time it waits for and, on a loaded
 * machine, still not sure that the time has passed where the code looks.
 */
export function advanceClock(ms: number): { restore: () => void } {
  const target = Date.now() + ms;
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(target);
  return { restore: () => vi.useRealTimers() };
}
