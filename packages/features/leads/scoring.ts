import type { ScoringField, ScoringOp } from '#packages/core/db/entities/lead-scoring-rule.ts';

export type FactValue = string | number | undefined;
export type LeadFacts = Partial<Record<ScoringField, FactValue>>;

export interface ScoringRule {
  field: ScoringField;
  op: ScoringOp;
  value?: unknown;
  points: number;
}

/** Fields whose facts are numbers (money as its amount in minor units); the rest are strings. */
export const NUMERIC_FIELDS: ReadonlySet<ScoringField> = new Set<ScoringField>([
  'company.annualRevenue',
  'contact.eventsAttended',
  'contact.engagementScore',
  'contact.emailOpens',
  'contact.emailClicks',
  'contact.ordersCount',
  'lead.estimatedValue',
]);

const same = (fact: string | number, value: unknown): boolean =>
  typeof fact === 'string' && typeof value === 'string' ? fact.trim().toLowerCase() === value.trim().toLowerCase() : fact === value;

/**
 * The points one rule gives for these facts. A missing fact matches nothing
 * (not even `neq`): a rule about a company's industry says nothing about a
 * lead without a company. `per` gives `points` for every `value` units (1 by
 * default), whole units only.
 */
export function pointsOf(rule: ScoringRule, facts: LeadFacts): number {
  const fact = facts[rule.field];
  if (fact === undefined || fact === '') return 0;
  if (rule.op === 'exists') return rule.points;
  const { value } = rule;
  switch (rule.op) {
    case 'eq':
      return same(fact, value) ? rule.points : 0;
    case 'neq':
      return same(fact, value) ? 0 : rule.points;
    case 'in':
      return Array.isArray(value) && value.some((v) => same(fact, v)) ? rule.points : 0;
    case 'per': {
      if (typeof fact !== 'number' || fact <= 0) return 0;
      const unit = typeof value === 'number' && value > 0 ? value : 1;
      return Math.floor(fact / unit) * rule.points;
    }
    default: {
      if (typeof fact !== 'number' || typeof value !== 'number') return 0;
      const hit = { gt: fact > value, gte: fact >= value, lt: fact < value, lte: fact <= value }[rule.op];
      return hit ? rule.points : 0;
    }
  }
}

/** The lead's score: the sum of every rule's points, kept within [0, cap]. */
export function scoreLead(facts: LeadFacts, rules: readonly ScoringRule[], cap: number): number {
  const total = rules.reduce((sum, rule) => sum + pointsOf(rule, facts), 0);
  return Math.max(0, Math.min(cap, total));
}
