import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** Partitions of the due index: the due job reads each; no single partition takes every pending delivery. */
export const WEBHOOK_DUE_SHARDS = 4;

/** `nextAttemptAt` of a delivery with nothing left to do: sorts after every ISO time, so the due index never returns it. */
export const NEVER = 'never';

/**
 * One message (one domain event, or a test send) to one endpoint. Its id is
 * the `webhook-id` of every attempt, and it is made from the event id and the
 * endpoint id, so a duplicated event writes the same item once.
 *
 * `nextAttemptAt` is both the retry time and the send lease: a worker claims a
 * pending delivery by moving it forward (conditionally on it being due), so a
 * worker that dies mid-send leaves it due again when the lease runs out.
 */
export const webhookDeliverySchema = {
  model: { entity: 'webhookDelivery', version: '1', service: SERVICE },
  attributes: {
    deliveryId: { type: 'string', required: true, readOnly: true },
    endpointId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    eventType: { type: 'string', required: true, readOnly: true },
    /** The JSON body sent, byte for byte the same on every attempt. */
    payload: { type: 'string', required: true, readOnly: true },
    status: { type: ['pending', 'delivered', 'failed'] as const, required: true },
    /** Attempts made since the message was created or replayed (the retry schedule's position). */
    attempts: { type: 'number', required: true, default: 0 },
    nextAttemptAt: { type: 'string', required: true },
    dueShard: { type: 'string', required: true, readOnly: true },
    lastStatusCode: { type: 'number' },
    lastError: { type: 'string' },
    deliveredAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['deliveryId'] }, sk: { field: 'sk', composite: [] } },
    byEndpoint: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['endpointId'] },
      sk: { field: 'gsi1sk', composite: ['createdAt', 'deliveryId'] },
    },
    due: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['dueShard'] },
      sk: { field: 'gsi2sk', composite: ['nextAttemptAt', 'deliveryId'] },
    },
  },
} as const;

export declare const webhookDeliveryEntity: Db['entities']['webhookDelivery'];
