import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Spreads the relay's index over partitions so no single one takes every event's write. */
export const OUTBOX_SHARDS = 8;

/**
 * A domain event written in the same transaction as the change it reports.
 * It is put on the bus right after the commit and deleted (or, for events a
 * writer leaves to the relay, `Publish` in bus/outbox.ts, not touched by the
 * request); whatever is left (a crash, a bus outage, a relay event) the outbox
 * relay job publishes later, with the same event id, so consumers still see
 * it exactly once.
 */
export const outboxEventSchema = {
  model: { entity: 'outboxEvent', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    source: { type: 'string', required: true },
    detailType: { type: 'string', required: true },
    detail: { type: 'string', required: true },
    occurredAt: { type: 'string', required: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: [] } },
    pending: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['shard'] },
      sk: { field: 'gsi1sk', composite: ['occurredAt', 'eventId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const outboxEventEntity: Db['entities']['outboxEvent'];
