import type { Db } from '../service.ts';
import { SERVICE, money } from './common.ts';

/** An order attributed to a promoter, with the terms frozen at sale; written once by the ledger consumer on `order.paid`. */
export const promoterOrderSchema = {
  model: { entity: 'promoterOrder', version: '1', service: SERVICE },
  attributes: {
    orderId: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    leaderId: { type: 'string' },
    source: { type: 'string', required: true },
    total: { ...money, required: true },
    admissions: { type: 'number', required: true },
    /** The frozen terms (catalog `promoterAttribution`), kept as written. */
    terms: { type: 'any', required: true },
    paidAt: { type: 'string', required: true },
    /** The order's per-check-in ledger lines so far (ADD as each is written), for a full refund to reverse. */
    checkInLines: { type: 'set', items: 'string' },
    /** Set by the full refund: a per-check-in line written after it is reversed at once. */
    refundedAt: { type: 'string' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['orderId'] }, sk: { field: 'sk', composite: [] } },
    byPromoter: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['promoterId'] }, sk: { field: 'gsi1sk', composite: ['eventId', 'orderId'] } },
  },
} as const;

export declare const promoterOrderEntity: Db['entities']['promoterOrder'];
