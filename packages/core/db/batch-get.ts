/**
 * Every item of `keys` through ElectroDB's batch get (BatchGetItem, 100 keys a
 * call), with the keys DynamoDB left unprocessed asked again after a backoff.
 */
export async function batchGetAll<K, T>(
  keys: readonly K[],
  get: (batch: K[]) => Promise<{ data: T[]; unprocessed: unknown[] }>,
): Promise<T[]> {
  const items: T[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let pending = keys.slice(i, i + 100);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt > 8) throw new Error('BatchGetItem: unprocessed keys remain after retries');
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const { data, unprocessed } = await get(pending);
      items.push(...data);
      pending = unprocessed as K[];
    }
  }
  return items;
}
