import type { Db } from '../service.ts';
import { money, SERVICE, timestamps } from './common.ts';

/** A sponsorship level of one event (Gold, Silver…): its price and the benefits a sponsor of it is owed. */
export const sponsorTierSchema = {
  model: { entity: 'sponsorTier', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    tierId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    price: { ...money, required: true },
    /** [{ kind, quantity, description }] (packages/features/sponsors/contract.ts). */
    benefits: { type: 'any', required: true },
    /** The free ticket type sponsor passes are issued on. */
    passTicketTypeId: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['tierId'] } },
  },
} as const;

export declare const sponsorTierEntity: Db['entities']['sponsorTier'];
