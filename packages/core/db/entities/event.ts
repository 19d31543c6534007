import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const eventSchema = {
  model: { entity: 'event', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    venueId: { type: 'string', required: true },
    name: { type: 'string', required: true },
    description: { type: 'string' },
    startsAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    currency: { type: 'string', required: true },
    totalCapacity: { type: 'number' },
    /** Slices of the event-wide capacity pool, when totalCapacity is set. */
    inventoryShards: { type: 'number' },
    /** Minutes an unpaid order holds its seats. */
    holdMinutes: { type: 'number', required: true, default: 15 },
    status: { type: ['draft', 'published', 'canceled'] as const, required: true, default: 'draft' },
    publishedAt: { type: 'string' },
    canceledAt: { type: 'string' },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byId: {
      collection: 'eventDetails',
      pk: { field: 'pk', composite: ['eventId'] },
      sk: { field: 'sk', composite: [] },
    },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['eventId'] },
    },
    byVenue: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['venueId'] },
      sk: { field: 'gsi2sk', composite: ['startsAt', 'eventId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const eventEntity: Db['entities']['event'];
