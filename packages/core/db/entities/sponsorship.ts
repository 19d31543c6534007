import type { Db } from '../service.ts';
import { money, SERVICE, timestamps } from './common.ts';

export const SPONSORSHIP_STATUSES = ['lead', 'proposal', 'signed', 'invoiced', 'paid', 'fulfilled', 'lost'] as const;

/**
 * A company sponsoring an event at a tier. Its contract status moves forward
 * by a write conditioned on the status it leaves; its CRM opportunity moves
 * with it. `passesIssued` is raised by a write conditioned on staying within
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
    signedAt: { type: 'string' },
    fulfilledAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['sponsorshipId'] }, sk: { field: 'sk', composite: [] } },
    byEvent: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['eventId'] }, sk: { field: 'gsi1sk', composite: ['sponsorshipId'] } },
  },
} as const;

export declare const sponsorshipEntity: Db['entities']['sponsorship'];
