/**
 * A per-process cache of async lookups with a fixed lifetime. Concurrent
 * misses share one load; a failed load is not kept. Expired entries are
 * replaced on their next use; past `maxEntries` the oldest goes first.
 */
export function ttlCache<T>(ttlMs: number, maxEntries = 5000) {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return {
    get(key: string, load: () => Promise<T>): Promise<T> {
      const hit = entries.get(key);
      if (hit && Date.now() - hit.at < ttlMs) return hit.value;
      const value = load();
      entries.delete(key);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { at: Date.now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    forget(key: string): void {
      entries.delete(key);
    },
    clear(): void {
      entries.clear();
    },
  };
}
