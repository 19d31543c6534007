import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** An event's networking rules: meeting requests each ticket type may send, and the tables meetings take place at. */
export const networkingSettingsSchema = {
  model: { entity: 'networkingSettings', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    /** Requests a ticket may send when its type has no quota of its own. */
    defaultQuota: { type: 'number', required: true },
    /** Ticket type id → requests a ticket of it may send. */
    quotas: { type: 'any' },
    locations: { type: 'list', items: { type: 'string' } },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const networkingSettingsEntity: Db['entities']['networkingSettings'];
