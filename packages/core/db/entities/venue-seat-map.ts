import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One version of a venue's seat map: the room as it is built, for every event
 * held there to adopt. Categories name no ticket types (those are an event's);
 * an event adopting a version copies the document into its own seat map
 * (seat-map.ts), so seat states and versions stay per event.
 */
export const venueSeatMapSchema = {
  model: { entity: 'venueSeatMap', version: '1', service: SERVICE },
  attributes: {
    venueId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, readOnly: true },
    name: { type: 'string', required: true },
    /** The normalised map (packages/features/seating/map-model.ts), JSON. */
    document: { type: 'string', required: true },
    capacity: { type: 'number', required: true },
    seatCount: { type: 'number', required: true },
    ...timestamps,
  },
  indexes: {
    byVenue: { pk: { field: 'pk', composite: ['venueId'] }, sk: { field: 'sk', composite: ['version'] } },
  },
} as const;

export declare const venueSeatMapEntity: Db['entities']['venueSeatMap'];
