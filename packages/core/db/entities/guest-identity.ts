import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** One person once per event: a guard keyed by event + normalised email (`e:`) or phone (`p:`), put with the guest. */
export const guestIdentitySchema = {
  model: { entity: 'guestIdentity', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    identity: { type: 'string', required: true, readOnly: true },
    guestId: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
  },
  indexes: { byIdentity: { pk: { field: 'pk', composite: ['eventId', 'identity'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export declare const guestIdentityEntity: Db['entities']['guestIdentity'];
