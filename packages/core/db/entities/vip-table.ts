import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

/**
 * A VIP table of an event: its terms, and `currentBookingId`, the guard that
 * gives the table to one booking at a time (set if absent when booked,
 * removed — conditioned on the same booking — when the booking is canceled or
 * a no-show releases it for resale).
 */
export const vipTableSchema = {
  model: { entity: 'vipTable', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    tableId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    /** The table on the seat map, when there is one. */
    tableGuid: { type: 'string' },
    minParty: { type: 'number', required: true },
    maxParty: { type: 'number', required: true },
    minimumSpend: { ...money, required: true },
    depositKind: { type: ['fixed', 'percent'] as const, required: true },
    /** Minor units (fixed) or whole percent of the minimum spend (percent). */
    depositValue: { type: 'number', required: true },
    refundableUntil: { type: 'string', required: true },
    arrivalCutoff: { type: 'string', required: true },
    requiresApproval: { type: 'boolean', required: true, default: false },
    currentBookingId: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['tableId'] } },
  },
} as const;

export declare const vipTableEntity: Db['entities']['vipTable'];
