import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One slice of a capacity pool (a ticket type, an event's total, a voucher's
 * blocked seats). Each slice has its own partition key so that a big on-sale
 * spreads its writes over several partitions instead of one hot item.
 * `available` is kept explicitly (= capacity − sold − held − blocked) because
 * condition expressions cannot add: reservations are `available >= :n`.
 */
export const inventoryShardSchema = {
  model: { entity: 'inventoryShard', version: '1', service: SERVICE },
  attributes: {
    poolId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    capacity: { type: 'number', required: true },
    sold: { type: 'number', required: true, default: 0 },
    held: { type: 'number', required: true, default: 0 },
    available: { type: 'number', required: true },
    /** Seats an organiser took off sale (seat maps): neither sold nor held, yet not available. */
    blocked: { type: 'number' },
  },
  indexes: {
    byShard: { pk: { field: 'pk', composite: ['poolId', 'shard'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const inventoryShardEntity: Db['entities']['inventoryShard'];
