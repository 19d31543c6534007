import type { Db } from '../service.ts';
import { money, SERVICE, timestamps } from './common.ts';

/**
 * A booth of the event's map put on sale: size and location copied from the
 * published map, a price. Booked by ONE write conditioned on
 * `state = available`, so of any number of racing bookings exactly one wins.
 */
export const boothSchema = {
  model: { entity: 'booth', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    /** As the map names it, lower-cased in the key. */
    boothGuid: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    x: { type: 'number', required: true },
    y: { type: 'number', required: true },
    width: { type: 'number', required: true },
    height: { type: 'number', required: true },
    price: { ...money, required: true },
    state: { type: ['available', 'booked'] as const, required: true },
    exhibitorId: { type: 'string' },
    sponsorshipId: { type: 'string' },
    bookedAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['boothGuid'] } },
  },
} as const;

export declare const boothEntity: Db['entities']['booth'];
