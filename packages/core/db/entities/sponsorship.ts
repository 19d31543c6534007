import type { Db } from '../service.ts';
import { invoiceAttribute, money, paymentAttribute, SERVICE, timestamps } from './common.ts';

export const SPONSORSHIP_STATUSES = ['lead', 'proposal', 'signed', 'invoiced', 'paid', 'fulfilled', 'lost'] as const;

/**
 * A company sponsoring an event at a tier. Its contract status moves forward
 * by a write conditioned on the status it leaves, in ONE transaction with its
 * CRM opportunity's move; `invoiced` only by issuing the invoice, `paid` only
 * by recording a payment matching it. `amount` is the tier's price plus the
 * booths its exhibitors booked before the invoice. `passesIssued` is raised by a write conditioned on staying within
 * `passesAllowed`, so passes are never issued past the tier's benefit.
 */
export const sponsorshipSchema = {
  model: { entity: 'sponsorship', version: '1', service: SERVICE },
  attributes: {
    sponsorshipId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    companyId: { type: 'string', required: true, readOnly: true },
    tierId: { type: 'string', required: true, readOnly: true },
    status: { type: SPONSORSHIP_STATUSES, required: true },
    opportunityId: { type: 'string', required: true },
    /** Who follows it up: the benefits' default owner. */
    ownerId: { type: 'string', required: true },
    amount: { ...money, required: true },
    passesAllowed: { type: 'number', required: true },
    passesIssued: { type: 'number', required: true, default: 0 },
    /** The booths its exhibitors booked before the invoice, each billed at its price (included in `amount`). */
    booths: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          boothGuid: { type: 'string', required: true },
          exhibitorId: { type: 'string', required: true },
          amount: { type: 'number', required: true },
          currency: { type: 'string', required: true },
        },
      },
    },
    signedAt: { type: 'string' },
    /** Set by issuing the invoice (status → invoiced): its number, amount and currency are what a payment must match. */
    invoice: invoiceAttribute,
    /** The payment recorded against the invoice (status → paid). */
    payment: paymentAttribute,
    fulfilledAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['sponsorshipId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['eventId'] }, sk: { field: 'gsi1sk', composite: ['sponsorshipId'] } },
  },
} as const;

export declare const sponsorshipEntity: Db['entities']['sponsorship'];
