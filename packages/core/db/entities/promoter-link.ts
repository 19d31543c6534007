import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** A promoter's tracking link for one event (the slug is the public path part). */
export const promoterLinkSchema = {
  model: { entity: 'promoterLink', version: '1', service: SERVICE },
  attributes: {
    slug: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    /** Ticket types only sold through promoter links that this link unlocks. */
    ticketTypeIds: { type: 'list', items: { type: 'string' } },
    guestListId: { type: 'string' },
    tierId: { type: 'string' },
    targetUrl: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    bySlug: { pk: { field: 'pk', composite: ['slug'] }, sk: { field: 'sk', composite: [] } },
    byPromoter: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['promoterId'] }, sk: { field: 'gsi1sk', composite: ['eventId', 'slug'] } },
  },
} as const;

export declare const promoterLinkEntity: Db['entities']['promoterLink'];
