import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** A payout: the approved lines it took (each moved to paid in the same transaction) and their sum. */
export const promoterPayoutSchema = {
  model: { entity: 'promoterPayout', version: '1', service: SERVICE },
  attributes: {
    payoutId: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
    lineIds: { type: 'list', required: true, items: { type: 'string' } },
    amount: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    createdBy: { type: 'string', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['payoutId'] }, sk: { field: 'sk', composite: [] } },
    byPromoter: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['promoterId'] }, sk: { field: 'gsi1sk', composite: ['payoutId'] } },
  },
} as const;

export declare const promoterPayoutEntity: Db['entities']['promoterPayout'];
