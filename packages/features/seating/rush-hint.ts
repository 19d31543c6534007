/**
 * Categories where this process saw a best-available buyer lose a race
 * moments ago — a hint, never a decision. While a category is in a rush,
 * a first attempt already chooses among several blocks (best-available.ts
 * `spread`) instead of the one best block every concurrent buyer computes
 * alike; a lone buyer on a quiet sale still gets the best block. Per
 * process, like taken-hint.ts: a Lambda instance learns from its own lost races.
 */
const RUSH_MS = 10_000;
const MAX_CATEGORIES = 1_000;

const rushUntil = new Map<string, number>();
const keyOf = (eventId: string, category: string) => `${eventId}#${category}`;

export function markRush(eventId: string, category: string, now = Date.now()): void {
  const key = keyOf(eventId, category);
  rushUntil.delete(key);
  if (rushUntil.size >= MAX_CATEGORIES) rushUntil.delete(rushUntil.keys().next().value!);
  rushUntil.set(key, now + RUSH_MS);
}

/**
 * Best-available buyers of a category reading its seats in this process right
 * now. Two at once is a rush before any race is lost: at a sale's opening they
 * would all compute the same best block, and all but one lose a transaction.
 * Sequential buyers never overlap, so a quiet sale still sells the best block.
 */
const picking = new Map<string, number>();

/** Counts a buyer as picking until the returned function is called. */
export function startPicking(eventId: string, category: string): () => void {
  const key = keyOf(eventId, category);
  picking.set(key, (picking.get(key) ?? 0) + 1);
  return () => {
    const left = (picking.get(key) ?? 1) - 1;
    if (left > 0) picking.set(key, left);
    else picking.delete(key);
  };
}

export function inRush(eventId: string, category: string, now = Date.now()): boolean {
  const key = keyOf(eventId, category);
  if ((picking.get(key) ?? 0) > 1) return true;
  const until = rushUntil.get(key);
  if (until === undefined) return false;
  if (until > now) return true;
  rushUntil.delete(key);
  return false;
}
