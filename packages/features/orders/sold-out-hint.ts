/**
 * Pools this process recently found short — a hint, never a decision. It only
 * chooses the ORDER of the steps of an order creation (create-order.ts): while
 * a pool is hinted, the seats are taken before a PaymentIntent is created, so
 * a sold-out rush costs Stripe nothing; otherwise the PaymentIntent comes
 * first and its id rides in the order's Put. Both orders are correct; the
 * conditional transaction alone decides who gets seats. A wrong hint costs at
 * most one order-less PaymentIntent (not hinted, yet sold out) or one order
 * patch (hinted, yet seats free). Per process: a Lambda instance learns from
 * its own refusals; a sale that frees seats clears it.
 */
const HINT_MS = 15_000;
const MAX_POOLS = 2_000;

const shortUntil = new Map<string, number>();

export function markShort(pools: Iterable<string>, now = Date.now()): void {
  for (const pool of pools) {
    shortUntil.delete(pool);
    if (shortUntil.size >= MAX_POOLS) shortUntil.delete(shortUntil.keys().next().value!);
    shortUntil.set(pool, now + HINT_MS);
  }
}

export function clearShort(pools: Iterable<string>): void {
  for (const pool of pools) shortUntil.delete(pool);
}

export function recentlyShort(pools: Iterable<string>, now = Date.now()): boolean {
  for (const pool of pools) {
    const until = shortUntil.get(pool);
    if (until === undefined) continue;
    if (until > now) return true;
    shortUntil.delete(pool);
  }
  return false;
}
