import type { EntityItem } from 'electrodb';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { NEVER, WEBHOOK_DUE_SHARDS, type webhookDeliveryEntity } from '#packages/core/db/entities/webhook-delivery.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import type { WebhookMessageView } from './contract.ts';

export type DeliveryItem = EntityItem<typeof webhookDeliveryEntity>;

/** The `webhook-id` of an event's message to an endpoint: the same for a duplicated event and on every retry. */
export const messageIdOf = (eventId: string, endpointId: string): string => `msg_${eventId}_${endpointId}`;

/** Spread by the id's last character (random in a ULID). */
export function dueShardOf(id: string): string {
  return String(id.charCodeAt(id.length - 1) % WEBHOOK_DUE_SHARDS);
}

export interface NewMessage {
  messageId: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  payload: string;
}

/** Writes the message unless it exists (a duplicated event); due at once either way it was new. */
export async function createDelivery(message: NewMessage, now: string): Promise<'created' | 'exists'> {
  try {
    await db()
      .entities.webhookDelivery.create({
        deliveryId: message.messageId,
        endpointId: message.endpointId,
        eventId: message.eventId,
        eventType: message.eventType,
        payload: message.payload,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        dueShard: dueShardOf(message.messageId),
      })
      .go();
    return 'created';
  } catch (error) {
    if (isConditionFailure(error)) return 'exists';
    throw error;
  }
}

/** A new message id for sends that are not a domain event (test sends). */
export const freshMessageId = (endpointId: string): string => messageIdOf(newId(), endpointId);

export function toMessageView(item: DeliveryItem): WebhookMessageView {
  return {
    messageId: item.deliveryId,
    eventId: item.eventId,
    eventType: item.eventType,
    status: item.status,
    attempts: item.attempts,
    ...(item.status === 'pending' && item.nextAttemptAt !== NEVER ? { nextAttemptAt: item.nextAttemptAt } : {}),
    ...(item.lastStatusCode !== undefined ? { lastStatusCode: item.lastStatusCode } : {}),
    ...(item.lastError !== undefined ? { lastError: item.lastError } : {}),
    ...(item.deliveredAt !== undefined ? { deliveredAt: item.deliveredAt } : {}),
    createdAt: item.createdAt,
  };
}
