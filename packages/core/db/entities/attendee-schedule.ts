import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * The confirmed (and offered) sessions of one attendee (one ticket), with
 * their times: the one item that guards against overlapping sessions. Every
 * change is conditioned on `rev` being what was read and bumps it, inside the
 * transaction that takes or frees the seat, so two concurrent registrations of
 * one attendee cannot both pass the overlap check.
 */
export const attendeeScheduleSchema = {
  model: { entity: 'attendeeSchedule', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    /** `{ sessionId, startsAt, endsAt }[]`. */
    slots: { type: 'any', required: true },
    rev: { type: 'number', required: true },
  },
  indexes: {
    byTicket: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const attendeeScheduleEntity: Db['entities']['attendeeSchedule'];
