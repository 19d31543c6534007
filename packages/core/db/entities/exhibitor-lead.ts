import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A badge scan at an exhibitor's booth, one item per (exhibitor, ticket):
 * `leadId` is a keyed hash of the two, so a second scan finds the same lead
 * and no exhibitor can link its leads to another's. The attendee's details
 * (and ticket and contact) are stored only when the attendee agreed to share
 * them with exhibitors; otherwise the lead is that anonymous reference alone.
 */
export const exhibitorLeadSchema = {
  model: { entity: 'exhibitorLead', version: '1', service: SERVICE },
  attributes: {
    exhibitorId: { type: 'string', required: true, readOnly: true },
    leadId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true },
    shared: { type: 'boolean', required: true },
    ticketId: { type: 'string' },
    contactId: { type: 'string' },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    email: { type: 'string' },
    company: { type: 'string' },
    jobTitle: { type: 'string' },
    rating: { type: 'number' },
    notes: { type: 'string' },
    answers: { type: 'any' },
    scanCount: { type: 'number' },
    lastScannedAt: { type: 'string', required: true },
    lastScannedBy: { type: 'string', required: true },
    /** Written by every scan (an upsert, so no createdAt) and qualification. */
    updatedAt: { type: 'string' },
  },
  indexes: {
    byExhibitor: { pk: { field: 'pk', composite: ['exhibitorId'] }, sk: { field: 'sk', composite: ['leadId'] } },
  },
} as const;

export declare const exhibitorLeadEntity: Db['entities']['exhibitorLead'];
