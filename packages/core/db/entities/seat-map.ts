import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * One version of an event's seat map: the whole document (zones, sections,
 * rows, seats, tables, GA areas, categories, sanitised SVG) as JSON, kept
 * for reading and export. What is on sale is the seat items of the published
 * version; a draft sells nothing.
 */
export const seatMapSchema = {
  model: { entity: 'seatMap', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, readOnly: true },
    status: { type: ['draft', 'published', 'superseded'] as const, required: true },
    name: { type: 'string', required: true },
    /** The normalised map (packages/features/seating/map-model.ts), JSON. */
    document: { type: 'string', required: true },
    capacity: { type: 'number', required: true },
    seatCount: { type: 'number', required: true },
    publishedAt: { type: 'string' },
    /** Set when the version was adopted from a venue's seat map (venue-seat-map.ts). */
    venueId: { type: 'string' },
    venueMapVersion: { type: 'number' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['version'] } },
  },
} as const;

export declare const seatMapEntity: Db['entities']['seatMap'];
