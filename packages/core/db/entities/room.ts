import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** A room of an event's programme; lives in the event's partition with the rest of the agenda. */
export const roomSchema = {
  model: { entity: 'room', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    roomId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    capacity: { type: 'number' },
    ...timestamps,
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['roomId'] } },
  },
} as const;

export declare const roomEntity: Db['entities']['room'];
