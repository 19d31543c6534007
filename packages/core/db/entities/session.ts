import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A session of an event's programme (pretalx's talk slot): draft → scheduled
 * → canceled. Its seats live on `sessionSeats` (own partition), its
 * registrations on `sessionRegistration`.
 */
export const sessionSchema = {
  model: { entity: 'session', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    title: { type: 'string', required: true },
    abstract: { type: 'string' },
    track: { type: 'string' },
    roomId: { type: 'string' },
    startsAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    /** Absent: open to every ticket holder without registration. */
    capacity: { type: 'number' },
    format: { type: 'string' },
    level: { type: 'string' },
    state: { type: ['draft', 'scheduled', 'canceled'] as const, required: true },
    /** Empty or absent: every ticket type may register (else e.g. only the workshop add-on). */
    ticketTypeIds: { type: 'list', items: { type: 'string' } },
    speakerIds: { type: 'list', items: { type: 'string' } },
    ...timestamps,
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['sessionId'] } },
  },
} as const;

export declare const sessionEntity: Db['entities']['session'];
