import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * "Contact X attended event Y", one item per pair, put by the attendance
 * consumer in the transaction that counts the attendance. Its partition is
 * the event, so "everyone who attended Y" is one Query (contact filters,
 * segments, campaign audiences).
 */
export const eventAttendeeSchema = {
  model: { entity: 'eventAttendee', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    firstEntryAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['contactId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const eventAttendeeEntity: Db['entities']['eventAttendee'];
