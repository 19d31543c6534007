import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** A seat offered to a waitlisted attendee until `expiresAt`; the expiry index (4 shards) feeds the sweeper. */
export const sessionOfferSchema = {
  model: { entity: 'sessionOffer', version: '1', service: SERVICE },
  attributes: {
    sessionId: { type: 'string', required: true, readOnly: true },
    ticketId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    expiresAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['sessionId', 'ticketId'] }, sk: { field: 'sk', composite: [] } },
    byExpiry: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['shard'] }, sk: { field: 'gsi1sk', composite: ['expiresAt', 'sessionId', 'ticketId'] } },
  },
} as const;

export declare const sessionOfferEntity: Db['entities']['sessionOffer'];
