import { nowIso } from '#packages/core/clock.ts';
import { notFound } from '#packages/core/errors.ts';
import { createDelivery } from './deliveries.ts';
import { endpointItem } from './endpoint-service.ts';
import { leaseMs, sendClaimed } from './send-delivery.ts';

/**
 * A workflow's "call a webhook" step: one signed message to the endpoint, id
 * `msg_<key>` (the run and step: a retried step writes nothing new), first
 * attempt now, retries on the schedule like any delivery. False when the
 * message existed already.
 */
export async function sendWorkflowMessage(endpointId: string, key: string, eventType: string, data: unknown): Promise<boolean> {
  const endpoint = await endpointItem(endpointId);
  if (!endpoint) throw notFound('WebhookEndpoint', endpointId);
  const timestamp = nowIso();
  const messageId = `msg_${key}_${endpointId}`;
  const lease = new Date(Date.now() + leaseMs()).toISOString();
  const item = await createDelivery({ messageId, endpointId, eventId: key, eventType, payload: JSON.stringify({ type: eventType, timestamp, data }) }, timestamp, lease);
  if (!item) return false;
  if (endpoint.status === 'enabled') await sendClaimed(item, lease, endpoint);
  return true;
}
