import { nowIso } from '#packages/core/clock.ts';
import { HOLD_SHARDS } from '#packages/core/db/entities/order-hold.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { releaseOrder } from './release-order.ts';

/**
 * The sweeper: every pending order whose hold has run out becomes expired and
 * gives its seats back. It reads only the holds index, shard by shard, from
 * the oldest expiry up to now. An order paid meanwhile no longer has a hold
 * (or loses the race in releaseOrder's condition) and is left alone.
 */
export async function expireHolds(now = nowIso()): Promise<{ expired: number }> {
  const correlationId = `sweep-${newId()}`;
  let expired = 0;
  for (let shard = 0; shard < HOLD_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page: { data: { orderId: string }[]; cursor: string | null } = await db()
        .entities.orderHold.query.byExpiry({ shard })
        .lt({ expiresAt: now })
        .go({ cursor, limit: 100 });
      for (const hold of page.data) {
        try {
          await releaseOrder(hold.orderId, 'expired', { correlationId });
          expired++;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { expired };
}
