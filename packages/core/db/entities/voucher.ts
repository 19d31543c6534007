import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

/**
 * A voucher lives in its event's partition under its (upper-cased) code, so
 * the code is unique per event and redeeming is a key lookup. One redemption
 * per order; `remainingUsages` is decremented under the condition `>= 1` in
 * the order's transaction, so a voucher with N usages is used N times at most.
 */
export const voucherSchema = {
  model: { entity: 'voucher', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    code: { type: 'string', required: true, readOnly: true },
    voucherId: { type: 'string', required: true, readOnly: true },
    kind: { type: ['percent', 'fixed', 'free'] as const, required: true },
    percent: { type: 'number' },
    amountOff: { ...money },
    maxUsages: { type: 'number', required: true },
    remainingUsages: { type: 'number', required: true },
    validFrom: { type: 'string' },
    validUntil: { type: 'string' },
    /** Empty: every ticket type of the event. */
    ticketTypeIds: { type: 'list', items: { type: 'string' } },
    /** Seats set aside for this voucher's holders (pretix's block_quota), taken from the ticket type's pool. */
    blockedSeats: { type: 'number' },
    blockedTicketTypeId: { type: 'string' },
    inventoryShards: { type: 'number' },
    ...timestamps,
  },
  indexes: {
    byCode: {
      collection: 'eventDetails',
      pk: { field: 'pk', composite: ['eventId'] },
      sk: { field: 'sk', composite: ['code'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const voucherEntity: Db['entities']['voucher'];
