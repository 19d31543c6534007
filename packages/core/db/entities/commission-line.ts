import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One line of a promoter's append-only ledger. Its id is derived from (order
 * or guest, rule, cause), so a redelivered event puts the same key and the
 * conditional put refuses it. Amount and cause never change; only status
 * moves pending → approved → paid, each step conditioned on the one before.
 */
export const commissionLineSchema = {
  model: { entity: 'commissionLine', version: '1', service: SERVICE },
  attributes: {
    lineId: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    orderId: { type: 'string', readOnly: true },
    guestId: { type: 'string', readOnly: true },
    /** A VIP table booking's line (rules of scope `table`). */
    bookingId: { type: 'string', readOnly: true },
    ruleId: { type: 'string', required: true, readOnly: true },
    /** `sale`, `refund`, `check_in`, `leader_override`, `leader_override_refund`. */
    kind: { type: 'string', required: true, readOnly: true },
    cause: { type: 'string', required: true, readOnly: true },
    amount: { type: 'number', required: true, readOnly: true },
    currency: { type: 'string', required: true, readOnly: true },
    status: { type: ['pending', 'approved', 'paid'] as const, required: true },
    approveAfter: { type: 'string', required: true, readOnly: true },
    payoutId: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    approvedAt: { type: 'string' },
    paidAt: { type: 'string' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['lineId'] }, sk: { field: 'sk', composite: [] } },
    byPromoter: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['promoterId'] }, sk: { field: 'gsi1sk', composite: ['createdAt', 'lineId'] } },
    byStatus: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['promoterId', 'status'] },
      sk: { field: 'gsi2sk', composite: ['approveAfter', 'lineId'] },
    },
  },
} as const;

export declare const commissionLineEntity: Db['entities']['commissionLine'];
