import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const ticketSchema = {
  model: { entity: 'ticket', version: '1', service: SERVICE },
  attributes: {
    ticketId: { type: 'string', required: true, readOnly: true },
    orderId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    ticketTypeId: { type: 'string', required: true, readOnly: true },
    /** The signed QR payload (see docs/ticket-codes.md). */
    code: { type: 'string', required: true, readOnly: true },
    status: { type: ['valid', 'void'] as const, required: true },
    holderName: { type: 'string' },
    /** The buyer's, copied at issue so a scan needs no read of the order. */
    holderEmail: { type: 'string' },
    /**
     * The named attendee (issue 14): firstName, lastName, email, company,
     * jobTitle, answers to the ticket type's questions. Absent until the buyer
     * (signed link) or staff name one; the holder above stays the buyer's.
     */
    attendee: { type: 'any' },
    /** The attendee's contact (deduplicated by email): check-ins, sessions and feedback credit it. */
    attendeeContactId: { type: 'string' },
    attendeeEmail: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['ticketId'] }, sk: { field: 'sk', composite: [] } },
    byOrder: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['orderId'] },
      sk: { field: 'gsi1sk', composite: ['ticketId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const ticketEntity: Db['entities']['ticket'];
