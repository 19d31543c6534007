import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * Where and when tickets admit. Every event has a default list whose id is
 * the event's own id (all ticket types, one entry per ticket, re-entry after
 * an exit); it is stored the first time it is needed.
 */
export const checkInListSchema = {
  model: { entity: 'checkInList', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    listId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    /** Empty: every ticket type of the event. */
    ticketTypeIds: { type: 'list', items: { type: 'string' } },
    validFrom: { type: 'string' },
    validUntil: { type: 'string' },
    allowMultipleEntries: { type: 'boolean', required: true, default: false },
    allowEntryAfterExit: { type: 'boolean', required: true, default: true },
    ...timestamps,
  },
  indexes: {
    byEvent: {
      collection: 'eventDetails',
      pk: { field: 'pk', composite: ['eventId'] },
      sk: { field: 'sk', composite: ['listId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const checkInListEntity: Db['entities']['checkInList'];
