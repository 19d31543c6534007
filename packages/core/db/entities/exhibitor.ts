import type { Db } from '../service.ts';
import { invoiceAttribute, paymentAttribute, SERVICE, timestamps } from './common.ts';

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
    /** What its booth costs and who is billed: its sponsorship (before the sponsorship's invoice) or the exhibitor itself. */
    boothCharge: {
      type: 'map',
      properties: {
        amount: { type: 'number', required: true },
        currency: { type: 'string', required: true },
        billedTo: { type: ['sponsorship', 'exhibitor'] as const, required: true },
      },
    },
    /** The invoice of a booth billed to the exhibitor itself (not to a sponsorship): set once. */
    boothInvoice: invoiceAttribute,
    /** The payment recorded against `boothInvoice` (amount and currency equal to it): set once. */
    boothPayment: paymentAttribute,
    /** Lead-scanner seats its tier/package grants: the most staff it may have. */
    leadScannerSeats: { type: 'number' },
    /** Its staff now: raised by a write conditioned on staying below the seats, lowered when staff are removed. */
    staffCount: { type: 'number' },
    ...timestamps,
  },
  indexes: {
    byEvent: { pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['exhibitorId'] } },
  },
} as const;

export declare const exhibitorEntity: Db['entities']['exhibitor'];
