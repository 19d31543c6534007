import { describe, expect, it, vi } from 'vitest';

const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('#packages/features/agenda/index.ts', () => ({
  readSession: async (eventId: string, sessionId: string) => {
    reads.count++;
    return { eventId, sessionId, state: 'scheduled' };
  },
}));

const { cachedSession, sessionCacheStats } = await import('#packages/features/sessions/session-cache.ts');

describe('the session cache', () => {
  it('reads a session once for a burst, again when asked fresh, and counts its hits and reads', async () => {
    const before = sessionCacheStats();
    await Promise.all(Array.from({ length: 5 }, () => cachedSession('E', 'S1')));
    await cachedSession('E', 'S1', true);
    const after = sessionCacheStats();
    expect(reads.count).toBe(2);
    expect({ hits: after.hits - before.hits, misses: after.misses - before.misses }).toEqual({ hits: 4, misses: 2 });
  });
});
