import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One attendee's (ticket's) feedback on one target (a session's id or
 * `event`), in the event's feedback partition: a target's responses are one
 * Query, the whole event's one Query. Put over the previous one while feedback is open.
 */
export const feedbackSchema = {
  model: { entity: 'feedback', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    target: { type: 'string', required: true, readOnly: true },
    ticketId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string' },
    rating: { type: 'number' },
    nps: { type: 'number' },
    comment: { type: 'string' },
    submittedAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byTarget: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['target', 'ticketId'] } },
  },
} as const;

export declare const feedbackEntity: Db['entities']['feedback'];
