import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const MEETING_STATUSES = ['pending', 'accepted', 'declined', 'expired', 'canceled', 'rescheduled'] as const;

/**
 * A networking meeting request between two attendees (by ticket) for one
 * slot. A pending request holds nothing: only accepting it writes the two
 * people's slot items (meeting-slot.ts), conditioned on their absence.
 */
export const meetingSchema = {
  model: { entity: 'meeting', version: '1', service: SERVICE },
  attributes: {
    meetingId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    requesterTicketId: { type: 'string', required: true, readOnly: true },
    recipientTicketId: { type: 'string', required: true, readOnly: true },
    startsAt: { type: 'string', required: true, readOnly: true },
    minutes: { type: 'number', required: true, readOnly: true },
    location: { type: 'string' },
    message: { type: 'string' },
    status: { type: MEETING_STATUSES, required: true },
    /** The request that replaced this one (status rescheduled). */
    rescheduledTo: { type: 'string' },
    respondedAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['meetingId'] }, sk: { field: 'sk', composite: [] } },
    byRequester: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['requesterTicketId'] }, sk: { field: 'gsi1sk', composite: ['startsAt', 'meetingId'] } },
    byRecipient: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['recipientTicketId'] }, sk: { field: 'gsi2sk', composite: ['startsAt', 'meetingId'] } },
  },
} as const;

export declare const meetingEntity: Db['entities']['meeting'];
