import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { money, SERVICE, timestamps } from './common.ts';

export const COMPANY_SIZES = ['1-10', '11-50', '51-200', '201-1000', '1001+'] as const;
export const ACCOUNT_TYPES = ['prospect', 'customer', 'partner', 'vendor', 'other'] as const;
export const PRIORITIES = ['low', 'medium', 'high'] as const;

export const companySchema = {
  model: { entity: 'company', version: '1', service: SERVICE },
  attributes: {
    companyId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    /** Normalized (companies/domain.ts); unique through the companyDomain item. */
    domain: { type: 'string' },
    industry: { type: 'string' },
    companySize: { type: COMPANY_SIZES },
    annualRevenue: money,
    accountType: { type: ACCOUNT_TYPES },
    priority: { type: PRIORITIES },
    createdBy: { type: 'string' },
    /**
     * Contacts (active or trashed) whose companyId is this company, kept in the
     * same transactions that link and unlink them, so a delete can refuse with
     * a condition instead of racing a Query of the index.
     */
    contactsCount: { type: 'number', default: 0 },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['companyId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['companyId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const companyEntity: Db['entities']['company'];
