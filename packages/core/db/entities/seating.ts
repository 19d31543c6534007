import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * The event's seating at a glance, in the `eventDetails` collection: its sort
 * key (`$eventdetails#seating_1`) falls inside the range order creation
 * already Queries (orders/event-details.ts), so an order learns which ticket
 * types are seated and where each category's seats are for no extra read.
 */
export const seatingSchema = {
  model: { entity: 'seating', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    /** Bumped by every new version (ADD), so versions are numbered without a read. */
    latestVersion: { type: 'number', required: true, default: 0 },
    publishedVersion: { type: 'number' },
    /** Per category of the published map: its ticket type and the sections holding its seats. */
    categories: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          name: { type: 'string', required: true },
          ticketTypeId: { type: 'string' },
          sectionIds: { type: 'list', items: { type: 'string' } },
        },
      },
    },
    focalPoint: { type: 'map', properties: { x: { type: 'number', required: true }, y: { type: 'number', required: true } } },
    updatedAt: { type: 'string' },
  },
  indexes: {
    byEvent: { collection: 'eventDetails', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const seatingEntity: Db['entities']['seating'];
