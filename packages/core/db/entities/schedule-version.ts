import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A published release of an event's schedule: the public agenda as it was
 * (rooms and scheduled sessions) and the changelog against the release before.
 * `versionKey` is the zero-padded number, so the newest is the last in key
 * order and two concurrent publishers cannot both write one number.
 */
export const scheduleVersionSchema = {
  model: { entity: 'scheduleVersion', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    versionKey: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, readOnly: true },
    publishedAt: { type: 'string', required: true, readOnly: true },
    comment: { type: 'string' },
    /** `{ rooms, sessions }` as the public agenda shows them. */
    snapshot: { type: 'any', required: true },
    changelog: { type: 'any', required: true },
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['versionKey'] } },
  },
} as const;

export declare const scheduleVersionEntity: Db['entities']['scheduleVersion'];
