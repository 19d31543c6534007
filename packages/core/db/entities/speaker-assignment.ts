import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A speaker on a session, with the presentation's details. Keyed speaker
 * first, so a speaker's sessions are one Query and "is this speaker on this
 * session" one key lookup (what gates their view of the session's feedback).
 */
export const speakerAssignmentSchema = {
  model: { entity: 'speakerAssignment', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    speakerId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    abstract: { type: 'string' },
    avNeeds: { type: 'string' },
    assignedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['speakerId', 'sessionId'] } },
  },
} as const;

export declare const speakerAssignmentEntity: Db['entities']['speakerAssignment'];
