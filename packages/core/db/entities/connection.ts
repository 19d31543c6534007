import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** One side of a connection between two attendees, by kind (met, meeting, exchanged contacts); written for both sides. */
export const connectionSchema = {
  model: { entity: 'connection', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    otherTicketId: { type: 'string', required: true, readOnly: true },
    type: { type: ['met', 'meeting', 'exchanged_contacts'] as const, required: true, readOnly: true },
    eventId: { type: 'string', required: true },
    at: { type: 'string', required: true },
    meetingId: { type: 'string' },
  },
  indexes: {
    byTicket: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: ['otherTicketId', 'type'] } },
  },
} as const;

export declare const connectionEntity: Db['entities']['connection'];
