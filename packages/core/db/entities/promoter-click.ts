import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** One click on a promoter link; its id is the attribution token. The server's clock stamps it; gone after the window (TTL). */
export const promoterClickSchema = {
  model: { entity: 'promoterClick', version: '1', service: SERVICE },
  attributes: {
    clickId: { type: 'string', required: true, readOnly: true },
    slug: { type: 'string', required: true },
    promoterId: { type: 'string', required: true },
    eventId: { type: 'string', required: true },
    clickedAt: { type: 'string', required: true },
    ttl: { type: 'number', required: true },
  },
  indexes: { byId: { pk: { field: 'pk', composite: ['clickId'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export declare const promoterClickEntity: Db['entities']['promoterClick'];
