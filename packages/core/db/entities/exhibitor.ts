import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** An exhibitor of an event: its public profile, its booth once booked, and the questions its staff qualify leads with. */
export const exhibitorSchema = {
  model: { entity: 'exhibitor', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    exhibitorId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    companyId: { type: 'string' },
    sponsorshipId: { type: 'string' },
    description: { type: 'string' },
    products: { type: 'list', items: { type: 'string' } },
    links: { type: 'any' },
    /** [{ id, label, options? }]: the exhibitor's own qualification questions. */
    leadQuestions: { type: 'any' },
    boothGuid: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['exhibitorId'] } },
  },
} as const;

export declare const exhibitorEntity: Db['entities']['exhibitor'];
