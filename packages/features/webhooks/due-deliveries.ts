import { WEBHOOK_DUE_SHARDS } from '#packages/core/db/entities/webhook-delivery.ts';
import { db } from '#packages/core/db/service.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { sendDelivery, type SendOutcome } from './send-delivery.ts';

/** Deliveries one run takes per shard; the next run (a minute later, seconds locally) takes the rest. */
const PER_SHARD = Number(process.env.WEBHOOKS_DUE_BATCH || 250);
const CONCURRENCY = Number(process.env.WEBHOOKS_DUE_CONCURRENCY || 8);

/**
 * The retries (and any first attempt a fan-out did not finish — a crash, a
 * lease run out): every pending delivery whose `nextAttemptAt` has come, from
 * each shard of the due index. Sending claims each one, so runs that overlap
 * send nothing twice.
 */
export async function sendDueDeliveries(): Promise<Record<SendOutcome, number>> {
  const now = new Date().toISOString();
  const shards = Array.from({ length: WEBHOOK_DUE_SHARDS }, (_, i) => String(i));
  const due = (
    await Promise.all(
      shards.map(async (dueShard) => {
        const { data } = await db()
          .entities.webhookDelivery.query.due({ dueShard })
          .lte({ nextAttemptAt: now })
          .go({ limit: PER_SHARD, attributes: ['deliveryId'] });
        return data.map((d) => d.deliveryId);
      }),
    )
  ).flat();
  const counts: Record<SendOutcome, number> = { delivered: 0, retry: 0, failed: 0, not_due: 0 };
  await pool(due, CONCURRENCY, () => false, async (id) => {
    counts[await sendDelivery(id)]++;
  });
  return counts;
}
