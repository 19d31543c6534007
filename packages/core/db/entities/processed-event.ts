import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Marks that a consumer applied an event. Written in the same transaction as
 * the consumer's effect, so an at-least-once redelivery changes nothing.
 */
export const processedEventSchema = {
  model: { entity: 'processedEvent', version: '1', service: SERVICE },
  attributes: {
    consumer: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    processedAt: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byConsumerEvent: {
      pk: { field: 'pk', composite: ['consumer', 'eventId'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const processedEventEntity: Db['entities']['processedEvent'];
