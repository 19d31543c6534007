import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One HTTP attempt of a delivery, newest last in its endpoint's partition
 * (`GET /v1/webhook-endpoints/{id}/attempts`). Kept 30 days (`ttl`).
 */
export const webhookAttemptSchema = {
  model: { entity: 'webhookAttempt', version: '1', service: SERVICE },
  attributes: {
    endpointId: { type: 'string', required: true, readOnly: true },
    attemptId: { type: 'string', required: true, readOnly: true },
    deliveryId: { type: 'string', required: true, readOnly: true },
    eventType: { type: 'string', required: true },
    attemptedAt: { type: 'string', required: true },
    attempt: { type: 'number', required: true },
    outcome: { type: ['delivered', 'failed', 'refused'] as const, required: true },
    statusCode: { type: 'number' },
    error: { type: 'string' },
    /** The first 4 KB of the response body. */
    responseBody: { type: 'string' },
    durationMs: { type: 'number', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byEndpoint: { pk: { field: 'pk', composite: ['endpointId'] }, sk: { field: 'sk', composite: ['attemptId'] } },
  },
} as const;

export declare const webhookAttemptEntity: Db['entities']['webhookAttempt'];
