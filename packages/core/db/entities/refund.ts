import type { Db } from '../service.ts';
import { SERVICE, money } from './common.ts';

/**
 * One Stripe refund, keyed by Stripe's id: written once whether the API call
 * or the `charge.refunded` webhook sees it first, so nothing counts twice.
 */
export const refundSchema = {
  model: { entity: 'refund', version: '1', service: SERVICE },
  attributes: {
    refundId: { type: 'string', required: true, readOnly: true },
    orderId: { type: 'string', required: true, readOnly: true },
    amount: { ...money, required: true },
    reason: { type: 'string' },
    createdAt: { type: 'string', required: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['refundId'] }, sk: { field: 'sk', composite: [] } },
    byOrder: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['orderId'] },
      sk: { field: 'gsi1sk', composite: ['refundId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const refundEntity: Db['entities']['refund'];
