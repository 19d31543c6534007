import { afterEach, describe, expect, it, vi } from 'vitest';
import { ttlCache } from '#packages/core/cache/ttl-cache.ts';

describe('ttlCache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('shares one load among concurrent misses, and one reload among the callers that find it expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const cache = ttlCache<number>(30_000);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await Promise.resolve();
      return loads;
    };

    const first = await Promise.all(Array.from({ length: 50 }, () => cache.get('event', load)));
    expect(loads).toBe(1);
    expect(new Set(first)).toEqual(new Set([1]));

    vi.setSystemTime(Date.now() + 29_000);
    expect(await cache.get('event', load)).toBe(1);

    // A burst of scans after the entry expired: one reload, not one per scan.
    vi.setSystemTime(Date.now() + 2_000);
    const after = await Promise.all(Array.from({ length: 50 }, () => cache.get('event', load)));
    expect(loads).toBe(2);
    expect(new Set(after)).toEqual(new Set([2]));
  });

  it('does not keep a failed load, and forgets on request', async () => {
    const cache = ttlCache<string>(30_000);
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', async () => 'up')).toBe('up');
    cache.forget('k');
    expect(await cache.get('k', async () => 'fresh')).toBe('fresh');
  });
});
