import type { EventData } from '#events/catalog.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { seedOf } from './models/rng.ts';

export const BUYER_SHARDS = 8;

export const shardOf = (email: string): string => String(seedOf(email) % BUYER_SHARDS);

/**
 * The buyer's purchase summary gains a paid order: first/last purchase (min
 * and max, whatever order the payments arrive in), purchases, spend, events.
 * Idempotent by the order id (a set on the item) and safe against a racing
 * purchase by the version it read (optimistic: read, then put conditioned on
 * that version, else read again). Refunds are not subtracted: a refunded
 * order still says the buyer was willing to buy (documented in docs/flows/analytics-ltv.md).
 */
export async function recordBuyerPurchase(paid: EventData<'order.paid'>): Promise<'recorded' | 'already_recorded'> {
  const email = paid.buyer.email.trim().toLowerCase();
  const buyers = db().entities.ltvBuyer;
  for (let attempt = 0; attempt < 10; attempt++) {
    const { data: current } = await buyers.get({ email }).go({ consistent: true });
    if (current?.orderIds?.includes(paid.orderId)) return 'already_recorded';
    const next = {
      email,
      shard: shardOf(email),
      firstPurchaseAt: current && current.firstPurchaseAt < paid.paidAt ? current.firstPurchaseAt : paid.paidAt,
      lastPurchaseAt: current && current.lastPurchaseAt > paid.paidAt ? current.lastPurchaseAt : paid.paidAt,
      purchases: (current?.purchases ?? 0) + 1,
      spendAmount: (current?.spendAmount ?? 0) + paid.total.amount,
      currency: current?.currency ?? paid.total.currency,
      eventIds: [...new Set([...(current?.eventIds ?? []), paid.eventId])],
      orderIds: [...(current?.orderIds ?? []), paid.orderId],
      version: (current?.version ?? 0) + 1,
    };
    const written = await writtenIfCondition(() =>
      current
        ? buyers.put(next).where((a, { eq }) => eq(a.version, current.version)).go()
        : buyers.create(next).go(),
    );
    if (written) return 'recorded';
  }
  throw new Error(`ltv buyer ${email}: kept losing races`);
}
