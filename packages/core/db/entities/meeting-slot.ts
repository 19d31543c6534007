import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** The networking grid: meetings start on, and last whole multiples of, this many minutes. */
export const SLOT_MINUTES = 15;

/**
 * "This person is in a meeting during this 15-minute slot": one item per
 * person per slot, created only when a meeting is accepted, each conditioned
 * on not existing, in the accept's transaction — so whoever races, nobody is
 * ever in two accepted meetings at once, on either side.
 */
export const meetingSlotSchema = {
  model: { entity: 'meetingSlot', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    slotStart: { type: 'string', required: true, readOnly: true },
    meetingId: { type: 'string', required: true },
    eventId: { type: 'string', required: true },
  },
  indexes: {
    byPerson: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: ['slotStart'] } },
  },
} as const;

export declare const meetingSlotEntity: Db['entities']['meetingSlot'];
