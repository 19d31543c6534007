import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A tier's places taken: `ADD taken 1` conditioned on `taken < quota` in the
 * sign-up's transaction, so concurrent sign-ups never pass the quota. A tier
 * holds tens to hundreds of guests, far below one item's write rate.
 */
export const guestTierCountSchema = {
  model: { entity: 'guestTierCount', version: '1', service: SERVICE },
  attributes: {
    guestListId: { type: 'string', required: true, readOnly: true },
    tierId: { type: 'string', required: true, readOnly: true },
    quota: { type: 'number', required: true },
    taken: { type: 'number', required: true },
  },
  indexes: { byTier: { pk: { field: 'pk', composite: ['guestListId', 'tierId'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export declare const guestTierCountEntity: Db['entities']['guestTierCount'];
