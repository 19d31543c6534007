import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** An event's guest list and its tiers (quota, deadline); each tier's count is a guestTierCount item. */
export const guestListSchema = {
  model: { entity: 'guestList', version: '1', service: SERVICE },
  attributes: {
    guestListId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    tiers: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          tierId: { type: 'string', required: true },
          name: { type: 'string', required: true },
          quota: { type: 'number', required: true },
          deadline: { type: 'string', required: true },
        },
      },
    },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['guestListId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['eventId'] }, sk: { field: 'gsi1sk', composite: ['guestListId'] } },
  },
} as const;

export declare const guestListEntity: Db['entities']['guestList'];
