import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A session's seat counters, its own partition (registrations to one session
 * never touch the event's). `taken` = confirmed + offered; a registration
 * takes a seat with `taken < capacity AND waiting = 0` in its transaction, so
 * capacity is decided at commit and a non-empty waitlist is served first.
 * `seq` numbers waitlist positions; `attended` counts session check-ins.
 */
export const sessionSeatsSchema = {
  model: { entity: 'sessionSeats', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    capacity: { type: 'number', required: true },
    taken: { type: 'number', required: true, default: 0 },
    waiting: { type: 'number', required: true, default: 0 },
    seq: { type: 'number', required: true, default: 0 },
    attended: { type: 'number', required: true, default: 0 },
  },
  indexes: {
    bySession: { pk: { field: 'pk', composite: ['sessionId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const sessionSeatsEntity: Db['entities']['sessionSeats'];
