import { readSession, type SessionItem } from '#packages/features/agenda/index.ts';

/**
 * Sessions as last read by this process, for 5 s. Safe to be stale: every
 * registration carries a ConditionCheck that the session is still scheduled at
 * the times it used, so a stale copy costs one retry with a fresh read, never
 * a wrong registration. A burst of registrations for 20 sessions reads each once.
 */
const TTL_MS = 5_000;
const cache = new Map<string, { at: number; session: Promise<SessionItem> }>();
/** Since the process started: answers from the cache, and reads (a miss, an expired entry, or a fresh read asked for). */
const stats = { hits: 0, misses: 0 };

export function sessionCacheStats(): { hits: number; misses: number } {
  return { ...stats };
}

export function cachedSession(eventId: string, sessionId: string, fresh = false): Promise<SessionItem> {
  const key = `${eventId}#${sessionId}`;
  const hit = cache.get(key);
  if (!fresh && hit && Date.now() - hit.at < TTL_MS) {
    stats.hits++;
    return hit.session;
  }
  stats.misses++;
  const session = readSession(eventId, sessionId, fresh);
  cache.set(key, { at: Date.now(), session });
  session.catch(() => cache.delete(key));
  return session;
}
