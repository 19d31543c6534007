import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** A ticket admitted at a session's door: the session's own check-in list, one item per (session, ticket). */
export const sessionCheckInSchema = {
  model: { entity: 'sessionCheckIn', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true, readOnly: true },
    ticketId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    deviceId: { type: 'string', required: true },
    scannedAt: { type: 'string', required: true },
    contactId: { type: 'string' },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['sessionId'] }, sk: { field: 'sk', composite: ['ticketId'] } },
  },
} as const;

export declare const sessionCheckInEntity: Db['entities']['sessionCheckIn'];
