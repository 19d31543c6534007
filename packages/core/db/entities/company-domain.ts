import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Uniqueness guard: one item per normalized domain, written in the same
 * transaction as the company with attribute_not_exists (like contactEmail).
 * Also the key lookup behind "the company with this domain" (lead conversion).
 */
export const companyDomainSchema = {
  model: { entity: 'companyDomain', version: '1', service: SERVICE },
  attributes: {
    domain: { type: 'string', required: true, readOnly: true },
    companyId: { type: 'string', required: true },
  },
  indexes: {
    byDomain: { pk: { field: 'pk', composite: ['domain'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const companyDomainEntity: Db['entities']['companyDomain'];
