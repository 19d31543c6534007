import type { EventMetadataValue } from '#events/envelope.ts';
import { nowIso } from '#packages/core/clock.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { createDelivery, messageIdOf } from './deliveries.ts';
import { allEndpoints, endpointWants } from './endpoint-service.ts';
import { leaseMs, sendClaimed } from './send-delivery.ts';

/** Sends of one event going out at once (its endpoints). */
const FAN_OUT_CONCURRENCY = 4;

export interface DomainEvent {
  detailType: string;
  metadata: EventMetadataValue;
  data: unknown;
}

/** The body of every message: the domain event's envelope, in the Standard Webhooks shape (type, timestamp, data). */
export function payloadOf(event: DomainEvent): string {
  return JSON.stringify({ type: event.detailType, timestamp: event.metadata.occurredAt, data: event.data, metadata: event.metadata });
}

/**
 * One message per endpoint that wants the event, written before any send with
 * an id made of the event's and the endpoint's, so a duplicated or redelivered
 * event adds nothing; each is written already claimed by this worker for its
 * first attempt, made at once. A send that fails is
 * left to the due job (webhook-deliveries-due) on the retry schedule; a
 * message already claimed by another worker is skipped.
 */
export async function fanOut(event: DomainEvent): Promise<{ messages: number }> {
  const endpoints = (await allEndpoints()).filter((e) => endpointWants(e, event.detailType));
  if (endpoints.length === 0) return { messages: 0 };
  const payload = payloadOf(event);
  const now = nowIso();
  const lease = new Date(Date.now() + leaseMs()).toISOString();
  let messages = 0;
  // Each endpoint's message is written and at once sent (no wait for the other endpoints' writes).
  await pool(endpoints, FAN_OUT_CONCURRENCY, () => false, async (endpoint) => {
    const messageId = messageIdOf(event.metadata.id, endpoint.endpointId);
    const item = await createDelivery({ messageId, endpointId: endpoint.endpointId, eventId: event.metadata.id, eventType: event.detailType, payload }, now, lease);
    // A message that existed already is another delivery's of this event: that one sends it, or the due job once its lease is out.
    if (!item) return;
    messages++;
    await sendClaimed(item, lease, endpoint);
  });
  return { messages };
}
