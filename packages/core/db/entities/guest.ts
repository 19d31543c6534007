import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/** A guest on a promoter's guest list; scanned at the door by its own code (`checkedInAt` set once). */
export const guestSchema = {
  model: { entity: 'guest', version: '1', service: SERVICE },
  attributes: {
    guestId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    guestListId: { type: 'string', required: true, readOnly: true },
    tierId: { type: 'string', required: true, readOnly: true },
    promoterId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    email: { type: 'string' },
    phone: { type: 'string' },
    code: { type: 'string', required: true },
    source: { type: ['promoter', 'link'] as const, required: true },
    /** Per-check-in commission frozen when the guest was added: `{ approveAfter, currency, rules: [{ ruleId, beneficiaryId, amount }] }`. */
    commission: { type: 'any' },
    checkedInAt: { type: 'string' },
    checkedInDeviceId: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['guestId'] }, sk: { field: 'sk', composite: [] } },
    byList: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['guestListId'] }, sk: { field: 'gsi1sk', composite: ['guestId'] } },
    byPromoter: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['promoterId'] }, sk: { field: 'gsi2sk', composite: ['eventId', 'guestId'] } },
  },
} as const;

export declare const guestEntity: Db['entities']['guest'];
