import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A buyer's purchase summary for the lifetime-value models (packages/features/lifetime-value),
 * kept by the `ltv-record-purchase` consumer of `order.paid`: first and last
 * purchase, purchases, spend, and the events bought for. Keyed by the buyer's
 * email (the order knows no contact id; the job resolves it), and listed
 * through `byShard`: 8 partitions, so the nightly job pages through all
 * buyers by Query and no GSI partition takes every purchase's write.
 */
export const ltvBuyerSchema = {
  model: { entity: 'ltvBuyer', version: '1', service: SERVICE },
  attributes: {
    email: { type: 'string', required: true, readOnly: true },
    shard: { type: 'string', required: true, readOnly: true },
    firstPurchaseAt: { type: 'string', required: true },
    lastPurchaseAt: { type: 'string', required: true },
    purchases: { type: 'number', required: true },
    spendAmount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    eventIds: { type: 'set', items: 'string' },
    /** Orders counted (their ids), so a second publication of one payment adds nothing. */
    orderIds: { type: 'set', items: 'string' },
    version: { type: 'number', required: true },
    ...timestamps,
  },
  indexes: {
    byEmail: { pk: { field: 'pk', composite: ['email'] }, sk: { field: 'sk', composite: [] } },
    byShard: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['shard'] },
      sk: { field: 'gsi1sk', composite: ['email'] },
    },
  },
} as const;

export declare const ltvBuyerEntity: Db['entities']['ltvBuyer'];
