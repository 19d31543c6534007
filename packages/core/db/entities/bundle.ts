import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

/** Several ticket types × quantities sold as one line at one price. */
export const bundleSchema = {
  model: { entity: 'bundle', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    bundleId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    items: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: { ticketTypeId: { type: 'string', required: true }, quantity: { type: 'number', required: true } },
      },
    },
    price: { ...money, required: true },
    maxPerOrder: { type: 'number', required: true },
    ...timestamps,
  },
  indexes: {
    byEvent: {
      collection: 'eventDetails',
      pk: { field: 'pk', composite: ['eventId'] },
      sk: { field: 'sk', composite: ['bundleId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const bundleEntity: Db['entities']['bundle'];
