import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Spreads the sweeper's index over partitions. */
export const HOLD_SHARDS = 4;

/**
 * Exists while an order is pending: the sweeper finds expired holds by
 * `expiresAt` without looking at any other order. Deleted in the same
 * transaction that moves the order out of pending.
 */
export const orderHoldSchema = {
  model: { entity: 'orderHold', version: '1', service: SERVICE },
  attributes: {
    orderId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byOrder: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    byExpiry: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['shard'] },
      sk: { field: 'gsi1sk', composite: ['expiresAt', 'orderId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const orderHoldEntity: Db['entities']['orderHold'];
