import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const venueSchema = {
  model: { entity: 'venue', version: '1', service: SERVICE },
  attributes: {
    venueId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    address: {
      type: 'map',
      properties: {
        line1: { type: 'string' },
        city: { type: 'string' },
        postalCode: { type: 'string' },
        country: { type: 'string' },
      },
    },
    timezone: { type: 'string' },
    capacity: { type: 'number' },
    /** Maintained by the `event.published` consumer. */
    publishedEventsCount: { type: 'number', required: true, default: 0 },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['venueId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['venueId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const venueEntity: Db['entities']['venue'];
