import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** A ticket holder's answer to "share my details with the exhibitors I let scan my badge", per ticket; absent means no. */
export const leadSharingSchema = {
  model: { entity: 'leadSharing', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true },
    share: { type: 'boolean', required: true },
    ...timestamps,
  },
  indexes: {
    byTicket: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const leadSharingEntity: Db['entities']['leadSharing'];
