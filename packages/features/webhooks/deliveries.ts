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

/**
 * Writes the message unless it exists (a duplicated event). `claimedUntil`:
 * written as already claimed by the writer for its first attempt (one write
 * fewer than a claim), due for anyone else once that lease runs out; without
 * it the message is due at `now`.
 */
export async function createDelivery(message: NewMessage, now: string, claimedUntil?: string): Promise<DeliveryItem | null> {
  try {
    const { data } = await db()
      .entities.webhookDelivery.create({
        deliveryId: message.messageId,
        endpointId: message.endpointId,
        eventId: message.eventId,
        eventType: message.eventType,
        payload: message.payload,
        status: 'pending',
        attempts: claimedUntil ? 1 : 0,
        nextAttemptAt: claimedUntil ?? now,
        dueShard: dueShardOf(message.messageId),
      })
      .go();
    return data as DeliveryItem;
  } catch (error) {
    if (isConditionFailure(error)) return null;
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
