import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One ticket's registration for one session (the attendee is the ticket).
 * Partition = the session; gsi1 orders a session's registrations by state and
 * waitlist rank (the next to promote is the first `waitlisted`); gsi2 lists a
 * ticket's registrations.
 */
export const sessionRegistrationSchema = {
  model: { entity: 'sessionRegistration', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true, readOnly: true },
    ticketId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string' },
    state: { type: ['confirmed', 'waitlisted', 'offered', 'canceled', 'expired'] as const, required: true },
    /** Waitlist position (1 = first in line); 0 once it is not waiting. */
    position: { type: 'number', required: true, default: 0 },
    /** `position` zero-padded for the key. */
    rank: { type: 'string', required: true, default: '000000000' },
    offerExpiresAt: { type: 'string' },
    reason: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['sessionId'] }, sk: { field: 'sk', composite: ['ticketId'] } },
    byState: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['sessionId'] },
      sk: { field: 'gsi1sk', composite: ['state', 'rank', 'ticketId'] },
    },
    byTicket: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['ticketId'] }, sk: { field: 'gsi2sk', composite: ['sessionId'] } },
  },
} as const;

export declare const sessionRegistrationEntity: Db['entities']['sessionRegistration'];
