import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** An attendee's entry in the event's networking directory: present only while they opt in (opting out deletes it). */
export const networkingProfileSchema = {
  model: { entity: 'networkingProfile', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    ticketId: { type: 'string', required: true, readOnly: true },
    ticketTypeId: { type: 'string', required: true },
    displayName: { type: 'string', required: true },
    company: { type: 'string' },
    jobTitle: { type: 'string' },
    bio: { type: 'string' },
    interests: { type: 'list', items: { type: 'string' } },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['ticketId'] } },
  },
} as const;

export declare const networkingProfileEntity: Db['entities']['networkingProfile'];
