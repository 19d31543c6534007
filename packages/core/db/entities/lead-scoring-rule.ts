import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const SCORING_FIELDS = [
  'company.industry',
  'company.companySize',
  'company.accountType',
  'company.annualRevenue',
  'contact.eventsAttended',
  'contact.engagementScore',
  'contact.emailOpens',
  'contact.emailClicks',
  'contact.ordersCount',
  'lead.source',
  'lead.estimatedValue',
] as const;
export type ScoringField = (typeof SCORING_FIELDS)[number];

export const SCORING_OPS = ['eq', 'neq', 'in', 'gt', 'gte', 'lt', 'lte', 'exists', 'per'] as const;
export type ScoringOp = (typeof SCORING_OPS)[number];

/**
 * One stored lead-scoring rule. All rules and the scoring settings share one
 * partition (collection `leadScoring`), so scoring reads them with one Query.
 */
export const leadScoringRuleSchema = {
  model: { entity: 'leadScoringRule', version: '1', service: SERVICE },
  attributes: {
    ruleId: { type: 'string', required: true, readOnly: true },
    field: { type: SCORING_FIELDS, required: true },
    op: { type: SCORING_OPS, required: true },
    /** A string or number (an array of them for `in`; the unit size for `per`); absent for `exists`. */
    value: { type: 'any' },
    points: { type: 'number', required: true },
    description: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: {
      collection: 'leadScoring',
      pk: { field: 'pk', composite: [] },
      sk: { field: 'sk', composite: ['ruleId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const leadScoringRuleEntity: Db['entities']['leadScoringRule'];
