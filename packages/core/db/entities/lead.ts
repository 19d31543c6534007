import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';

export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'converted', 'disqualified'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/**
 * A sales lead: a person (a contact, or inline until conversion) with company
 * details, a status that only moves forward (leads/lead-status.ts) and a
 * score computed from the stored rules (leads/scoring.ts).
 *
 * `contactId` and `companyId` key sparse indexes: the scoring consumer finds
 * the leads whose facts changed with one Query per contact or company.
 */
export const leadSchema = {
  model: { entity: 'lead', version: '1', service: SERVICE },
  attributes: {
    leadId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string' },
    /** Trimmed and lower-cased (a copy of the contact's when the lead has one). */
    email: { type: 'string', required: true },
    firstName: { type: 'string' },
    lastName: { type: 'string' },
    phone: { type: 'string' },
    companyName: { type: 'string' },
    /** Normalized (companies/domain.ts): as given, else the email's domain unless it is free mail. */
    companyDomain: { type: 'string' },
    /** The known company this lead belongs to (found by domain, or the contact's); its facts feed the score. */
    companyId: { type: 'string' },
    source: { type: 'string' },
    status: { type: LEAD_STATUSES, required: true },
    statusChangedAt: { type: 'string', required: true },
    /** Computed from the rules and the facts; never written by a client. */
    score: { type: 'number', required: true, default: 0 },
    estimatedValue: money,
    /** 0–100, the salesperson's estimate. */
    probability: { type: 'number' },
    assignedTo: { type: 'string' },
    convertedContactId: { type: 'string' },
    convertedCompanyId: { type: 'string' },
    convertedOpportunityId: { type: 'string' },
    convertedAt: { type: 'string' },
    createdBy: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['leadId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['leadId'] },
    },
    byStatus: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['status'] },
      sk: { field: 'gsi2sk', composite: ['leadId'] },
    },
    /** Sparse: only leads with a contact. */
    byContact: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['contactId'] },
      sk: { field: 'gsi3sk', composite: [] },
      condition: (attr: { contactId?: string }) => attr.contactId !== undefined,
    },
    /** Sparse: only leads with a known company. */
    byCompany: {
      index: 'gsi4',
      pk: { field: 'gsi4pk', composite: ['companyId'] },
      sk: { field: 'gsi4sk', composite: [] },
      condition: (attr: { companyId?: string }) => attr.companyId !== undefined,
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const leadEntity: Db['entities']['lead'];
