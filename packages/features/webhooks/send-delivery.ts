import { count } from '#packages/core/metrics.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { NEVER } from '#packages/core/db/entities/webhook-delivery.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { logger } from '#packages/core/logger.ts';
import { scheduleWakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import type { DeliveryItem } from './deliveries.ts';
import { disableEndpoint, recordFailure, recordSuccess } from './endpoint-health.ts';
import { endpointItem, type EndpointItem } from './endpoint-service.ts';
import { postJson, SEND_TIMEOUT_MS, type OutboundResult } from './outbound-http.ts';
import { nextAttemptAt, retryAfterMs } from './retry-schedule.ts';
import { signedHeaders } from './signing.ts';
import { sendCrashHook } from './test-crash-hook.ts';

/** How long a claimed delivery is a worker's: past it (the worker died), the delivery is due again. */
export const leaseMs = (): number => Number(process.env.WEBHOOKS_LEASE_SECONDS || 60) * 1000;
/**
 * What a lease must still have when the POST starts: the send's 15 s timeout
 * plus the writes after it. Less (the worker was slow to get here: a busy
 * consumer, a slow table), and the lease is renewed first — else the due job
 * could take the delivery over while this send is under way and send it twice.
 */
const LEASE_NEEDED_TO_SEND_MS = SEND_TIMEOUT_MS + 15_000;
const ATTEMPT_TTL_SECONDS = 30 * 24 * 3600;

export type SendOutcome = 'delivered' | 'retry' | 'failed' | 'not_due';

/**
 * Claims a due delivery by pushing its `nextAttemptAt` to the end of a lease:
 * of two workers (the fan-out and the due job, or two runs of the job) one
 * wins; the other sends nothing.
 */
async function claim(deliveryId: string, now: number): Promise<{ item: DeliveryItem; lease: string } | null> {
  const lease = new Date(now + leaseMs()).toISOString();
  try {
    const { data } = await db()
      .entities.webhookDelivery.patch({ deliveryId })
      .set({ nextAttemptAt: lease })
      .add({ attempts: 1 })
      .where((a, op) => `${op.eq(a.status, 'pending')} AND ${op.lte(a.nextAttemptAt, new Date(now).toISOString())}`)
      .go({ response: 'all_new' });
    return { item: data as DeliveryItem, lease };
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** The lease, renewed when too little of it is left to send within it; null when another worker has the delivery now. */
async function leaseToSend(deliveryId: string, lease: string): Promise<string | null> {
  const now = Date.now();
  if (Date.parse(lease) - now >= LEASE_NEEDED_TO_SEND_MS) return lease;
  const renewed = new Date(now + Math.max(leaseMs(), LEASE_NEEDED_TO_SEND_MS)).toISOString();
  try {
    await db()
      .entities.webhookDelivery.patch({ deliveryId })
      .set({ nextAttemptAt: renewed })
      .where((a, op) => `${op.eq(a.status, 'pending')} AND ${op.eq(a.nextAttemptAt, lease)}`)
      .go();
    return renewed;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** Writes the attempt's result, if the lease is still ours (else a later worker owns the delivery). */
async function settle(deliveryId: string, lease: string, set: Partial<Pick<DeliveryItem, 'status' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'>>, clear: ('lastError' | 'lastStatusCode')[] = []): Promise<void> {
  try {
    let update = db().entities.webhookDelivery.patch({ deliveryId }).set(set);
    if (clear.length) update = update.remove(clear);
    await update.where((a, op) => op.eq(a.nextAttemptAt, lease)).go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    logger.warn('webhooks: lease lost before the attempt was recorded', { deliveryId });
  }
}

function attemptOutcome(result: OutboundResult): 'delivered' | 'failed' | 'refused' {
  if (result.refused) return 'refused';
  return result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300 ? 'delivered' : 'failed';
}

/**
 * One attempt of one delivery, if it is due: sign (fresh timestamp, same
 * webhook-id), POST, keep the attempt, then either done, or the next time on
 * the retry schedule, or failed for good. A 410 disables the endpoint.
 */
export async function sendDelivery(deliveryId: string): Promise<SendOutcome> {
  const claimed = await claim(deliveryId, Date.now());
  if (!claimed) return 'not_due';
  return sendClaimed(claimed.item, claimed.lease);
}

/**
 * The attempt of a delivery this worker holds the lease of: claimed above, or
 * written already claimed by the fan-out (which passes the endpoint it read).
 */
export async function sendClaimed(item: DeliveryItem, claimedLease: string, knownEndpoint?: EndpointItem): Promise<SendOutcome> {
  const outcome = await attempt(item, claimedLease, knownEndpoint);
  // A delivery given up on (retries exhausted, endpoint disabled or gone, refused), not each failed attempt.
  if (outcome === 'failed') count('WebhookDeliveriesFailed');
  return outcome;
}

async function attempt(item: DeliveryItem, claimedLease: string, knownEndpoint?: EndpointItem): Promise<SendOutcome> {
  const now = Date.now();
  const { deliveryId } = item;
  const lease = await leaseToSend(deliveryId, claimedLease);
  if (!lease) return 'not_due';
  const endpoint = knownEndpoint ?? (await endpointItem(item.endpointId));
  if (!endpoint || endpoint.status !== 'enabled') {
    await settle(deliveryId, lease, { status: 'failed', nextAttemptAt: NEVER, lastError: endpoint ? `endpoint disabled (${endpoint.disabledReason ?? 'manual'})` : 'endpoint deleted' });
    return 'failed';
  }

  const at = new Date();
  const result = await postJson(endpoint.url, item.payload, signedHeaders(item.deliveryId, item.payload, endpoint, at));
  sendCrashHook(deliveryId);
  const outcome = attemptOutcome(result);
  // Written beside the settle below, not before it: one round trip less between the answer and the lease's release.
  const attempt = db()
    .entities.webhookAttempt.create({
      endpointId: endpoint.endpointId,
      attemptId: newId(),
      deliveryId,
      eventType: item.eventType,
      attemptedAt: at.toISOString(),
      attempt: item.attempts,
      outcome,
      ...(result.statusCode !== undefined ? { statusCode: result.statusCode } : {}),
      ...(result.error ? { error: result.error } : {}),
      ...(result.body ? { responseBody: result.body } : {}),
      durationMs: result.durationMs,
      ttl: Math.floor(now / 1000) + ATTEMPT_TTL_SECONDS,
    })
    .go();
  const settleAndRecord = async (...args: Parameters<typeof settle>) => {
    await Promise.all([settle(...args), attempt]);
  };

  if (outcome === 'delivered') {
    await settleAndRecord(deliveryId, lease, { status: 'delivered', nextAttemptAt: NEVER, deliveredAt: at.toISOString(), lastStatusCode: result.statusCode! }, ['lastError']);
    await recordSuccess(endpoint);
    return 'delivered';
  }
  const lastError = result.error ?? `HTTP ${result.statusCode}`;
  const status = result.statusCode !== undefined ? { lastStatusCode: result.statusCode } : {};
  if (result.statusCode === 410) {
    await settleAndRecord(deliveryId, lease, { status: 'failed', nextAttemptAt: NEVER, lastError, ...status });
    await disableEndpoint(endpoint, 'gone', 'it answered 410 Gone');
    return 'failed';
  }
  const honoured = result.statusCode === 429 || result.statusCode === 503 ? retryAfterMs(result.retryAfter, Date.now()) : null;
  const next = nextAttemptAt(item.attempts, Date.now(), honoured);
  await settleAndRecord(deliveryId, lease, next ? { nextAttemptAt: next, lastError, ...status } : { status: 'failed', nextAttemptAt: NEVER, lastError, ...status });
  // The retry's one-shot wake-up (EventBridge Scheduler deployed); the due job's sweep stays the safety net.
  if (next) await scheduleWakeUp({ kind: 'webhook-delivery', id: deliveryId, at: next });
  await recordFailure(endpoint, Date.now());
  return next ? 'retry' : 'failed';
}
