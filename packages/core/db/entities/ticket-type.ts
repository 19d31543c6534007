import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

export const ticketTypeSchema = {
  model: { entity: 'ticketType', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    ticketTypeId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    description: { type: 'string' },
    price: { ...money, required: true },
    capacity: { type: 'number', required: true },
    maxPerOrder: { type: 'number', required: true },
    salesStartAt: { type: 'string' },
    salesEndAt: { type: 'string' },
    /** Sold only through a promoter link that unlocks it. */
    promoterOnly: { type: 'boolean' },
    /** How many inventory slices hold this type's capacity (fixed at creation). */
    inventoryShards: { type: 'number', required: true, default: 1 },
    /** Questions each attendee of this type answers (`{ id, label, required, options? }[]`). */
    attendeeQuestions: { type: 'any' },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byEvent: {
      collection: 'eventDetails',
      pk: { field: 'pk', composite: ['eventId'] },
      sk: { field: 'sk', composite: ['ticketTypeId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const ticketTypeEntity: Db['entities']['ticketType'];
