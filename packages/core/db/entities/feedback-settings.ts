import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** An event's feedback switch and closing time (absent: on, closing 14 days after the event ends). */
export const feedbackSettingsSchema = {
  model: { entity: 'feedbackSettings', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    enabled: { type: 'boolean', required: true },
    closesAt: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const feedbackSettingsEntity: Db['entities']['feedbackSettings'];
