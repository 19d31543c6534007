import { Entity } from 'electrodb';
import { SERVICE } from './common.ts';

/**
 * One ticket on one list: inside or not, and its first admission. A scan is
 * ONE conditional UpdateItem on this item (≈1 WCU), which is what makes "a
 * ticket admits once" hold when several gates scan it at the same moment.
 * The last nonce and its answer are kept here so a scanner's retry gets the
 * first answer back without another item.
 */
export const ticketPresenceSchema = {
  model: { entity: 'ticketPresence', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    listId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true },
    inside: { type: 'boolean', required: true },
    entries: { type: 'number', required: true, default: 0 },
    firstCheckInId: { type: 'string' },
    firstCheckedInAt: { type: 'string' },
    firstDeviceId: { type: 'string' },
    lastScanAt: { type: 'string' },
    lastNonce: { type: 'string' },
    /** JSON of the answer given to lastNonce. */
    lastAnswer: { type: 'string' },
    /**
     * `deviceId|nonce` of every scan that changed this item, so a re-uploaded
     * offline batch (entry, exit, entry…) never admits twice even when the
     * nonce is no longer the last one. Non-key; grows by one per admission.
     */
    seenNonces: { type: 'set', items: 'string' },
  },
  indexes: {
    byTicketList: {
      pk: { field: 'pk', composite: ['ticketId'] },
      sk: { field: 'sk', composite: ['listId'] },
    },
  },
} as const;

export const ticketPresenceEntity = new Entity(ticketPresenceSchema);
