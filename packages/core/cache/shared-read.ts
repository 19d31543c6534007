/**
 * Concurrent callers of the same eventually consistent read share the one
 * already under way; nothing is kept once it settles. Such a read may
 * already be stale by DynamoDB's own terms, and joining one in flight adds
 * at most its own remaining latency to that — while in a rush (a flash
 * sale: dozens of orders for one event at once) it turns one read per
 * request into one per round-trip.
 */
export function sharedReads<T>() {
  const inFlight = new Map<string, Promise<T>>();
  return (key: string, load: () => Promise<T>): Promise<T> => {
    const running = inFlight.get(key);
    if (running) return running;
    const value = load();
    inFlight.set(key, value);
    const settle = () => inFlight.delete(key);
    value.then(settle, settle);
    return value;
  };
}
