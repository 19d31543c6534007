import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const NOTE_TYPES = ['general', 'call', 'meeting', 'followup', 'other'] as const;

/**
 * A note on a contact. A private note (`isPrivate`) exists only for its
 * author: lists and the timeline drop it with a FilterExpression on
 * `isPrivate`/`authorId`, and a GET by anyone else answers like a missing note.
 * `occurredAt` = creation time (the timeline's sort attribute).
 */
export const noteSchema = {
  model: { entity: 'note', version: '1', service: SERVICE },
  attributes: {
    noteId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    body: { type: 'string', required: true },
    noteType: { type: NOTE_TYPES, required: true },
    isPrivate: { type: 'boolean', required: true },
    authorId: { type: 'string', required: true, readOnly: true },
    occurredAt: { type: 'string', required: true, readOnly: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['noteId'] }, sk: { field: 'sk', composite: [] } },
    byContact: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['contactId'] },
      sk: { field: 'gsi1sk', composite: ['occurredAt', 'noteId'] },
    },
    timeline: {
      index: 'gsi5',
      type: 'clustered',
      collection: 'timeline',
      pk: { field: 'gsi5pk', composite: ['contactId'] },
      sk: { field: 'gsi5sk', composite: ['occurredAt', 'noteId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const noteEntity: Db['entities']['note'];
