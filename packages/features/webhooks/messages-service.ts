import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { nowIso } from '#packages/core/clock.ts';
import { invalid, notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { pool } from '#packages/core/worker-pool.ts';
import type { ReplayInput, WebhookAttemptView, WebhookMessageView } from './contract.ts';
import { createDelivery, freshMessageId, toMessageView } from './deliveries.ts';
import { endpointItem } from './endpoint-service.ts';
import { leaseMs, sendClaimed, sendDelivery } from './send-delivery.ts';

/** A range replay queues at most this many messages per call; the answer says how many. */
const MAX_REPLAY = 1000;

async function existingEndpoint(id: string) {
  const endpoint = await endpointItem(id);
  if (!endpoint) throw notFound('WebhookEndpoint', id);
  return endpoint;
}

export async function listAttempts(endpointId: string, page: PageRequest): Promise<Page<WebhookAttemptView>> {
  await existingEndpoint(endpointId);
  const { data, cursor } = await db()
    .entities.webhookAttempt.query.byEndpoint({ endpointId })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor), order: 'desc' });
  return {
    items: data.map(({ attemptId, deliveryId, endpointId: _e, ttl: _t, ...rest }) => ({ id: attemptId, messageId: deliveryId, ...rest })),
    nextCursor: cursor,
  };
}

export async function listMessages(endpointId: string, page: PageRequest): Promise<Page<WebhookMessageView>> {
  await existingEndpoint(endpointId);
  const { data, cursor } = await db()
    .entities.webhookDelivery.query.byEndpoint({ endpointId })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor), order: 'desc' });
  return { items: data.map(toMessageView), nextCursor: cursor };
}

/** Due again at once with a fresh schedule, same id and body; whatever its status was. */
async function requeue(deliveryId: string, endpointId: string): Promise<boolean> {
  try {
    await db()
      .entities.webhookDelivery.patch({ deliveryId })
      .set({ status: 'pending', attempts: 0, nextAttemptAt: nowIso() })
      .where((a, op) => op.eq(a.endpointId, endpointId))
      .go();
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * One message by its webhook-id, or the messages created in [since, until):
 * queued again (the due job sends them); a single message is also sent now.
 */
export async function replay(endpointId: string, input: ReplayInput): Promise<{ replayed: number }> {
  const endpoint = await existingEndpoint(endpointId);
  if (endpoint.status !== 'enabled') throw invalid('webhook_endpoint_disabled', 'Enable the endpoint before replaying to it');
  if (input.messageId) {
    if (!(await requeue(input.messageId, endpointId))) throw notFound('WebhookMessage', input.messageId);
    await sendDelivery(input.messageId);
    return { replayed: 1 };
  }
  if (!input.since) throw invalid('replay_needs_a_target', 'Give messageId, or since (and optionally until)');
  const until = input.until ?? nowIso();
  const { data } = await db()
    .entities.webhookDelivery.query.byEndpoint({ endpointId })
    .between({ createdAt: new Date(input.since).toISOString() }, { createdAt: new Date(until).toISOString() })
    .go({ limit: MAX_REPLAY, attributes: ['deliveryId'] });
  let replayed = 0;
  await pool(data, 8, () => false, async ({ deliveryId }) => {
    if (await requeue(deliveryId, endpointId)) replayed++;
  });
  return { replayed };
}

/** A `webhook.test` message, sent now; the answer is the message after that attempt. */
export async function testSend(endpointId: string): Promise<WebhookMessageView> {
  const endpoint = await existingEndpoint(endpointId);
  if (endpoint.status !== 'enabled') throw invalid('webhook_endpoint_disabled', 'Enable the endpoint before sending it a test');
  const messageId = freshMessageId(endpointId);
  const timestamp = nowIso();
  const payload = JSON.stringify({ type: 'webhook.test', timestamp, data: { endpointId, message: 'A test message from EventOS' } });
  const lease = new Date(Date.now() + leaseMs()).toISOString();
  const item = await createDelivery({ messageId, endpointId, eventId: messageId, eventType: 'webhook.test', payload }, timestamp, lease);
  await sendClaimed(item!, lease, endpoint);
  const { data } = await db().entities.webhookDelivery.get({ deliveryId: messageId }).go();
  return toMessageView(data!);
}
