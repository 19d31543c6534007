import { describe, expect, it } from 'vitest';
import { checkRule } from '#packages/features/leads/scoring-rules.ts';
import { pointsOf, scoreLead, type LeadFacts, type ScoringRule } from '#packages/features/leads/scoring.ts';
import { factsFrom } from '#packages/features/leads/lead-facts.ts';

/** The example: industry = Software +20; attended ≥ 2 events +15; +5 per email click; cap 100. */
const example: ScoringRule[] = [
  { field: 'company.industry', op: 'eq', value: 'Software', points: 20 },
  { field: 'contact.eventsAttended', op: 'gte', value: 2, points: 15 },
  { field: 'contact.emailClicks', op: 'per', points: 5 },
];

const facts = (over: LeadFacts): LeadFacts => ({ ...factsFrom({}, null, {}), ...over });

describe('lead scoring engine', () => {
  it('adds the example rules: Software +20, attended 2 +15, 3 clicks +15', () => {
    expect(scoreLead(facts({ 'company.industry': 'Software', 'contact.eventsAttended': 2, 'contact.emailClicks': 3 }), example, 100)).toBe(50);
  });

  it('gives nothing for a rule whose fact is below the bar or different', () => {
    expect(scoreLead(facts({ 'company.industry': 'Retail', 'contact.eventsAttended': 1, 'contact.emailClicks': 0 }), example, 100)).toBe(0);
  });

  it('caps the total (20 + 15 + 5 × 40 = 235 → 100) and never goes below 0', () => {
    expect(scoreLead(facts({ 'company.industry': 'Software', 'contact.eventsAttended': 5, 'contact.emailClicks': 40 }), example, 100)).toBe(100);
    expect(scoreLead(facts({ 'company.industry': 'Software' }), [...example, { field: 'lead.source', op: 'eq', value: 'cold', points: -50 }], 100)).toBe(20);
    expect(scoreLead(facts({ 'company.industry': 'Software', 'lead.source': 'cold' }), [{ field: 'lead.source', op: 'eq', value: 'cold', points: -50 }], 100)).toBe(0);
    expect(scoreLead(facts({ 'contact.emailClicks': 40 }), example, 30)).toBe(30);
  });

  it('compares strings case-insensitively and ignores facts that are missing', () => {
    expect(pointsOf(example[0]!, facts({ 'company.industry': ' software ' }))).toBe(20);
    // No company: neither eq nor neq says anything about it.
    expect(pointsOf({ field: 'company.industry', op: 'neq', value: 'Software', points: 7 }, factsFrom({}, null, null))).toBe(0);
    expect(pointsOf({ field: 'company.industry', op: 'neq', value: 'Software', points: 7 }, facts({ 'company.industry': 'Retail' }))).toBe(7);
  });

  it('counts a contact without counters as zero, and a lead without a contact as unknown', () => {
    expect(factsFrom({}, null, {})['contact.emailClicks']).toBe(0);
    expect(factsFrom({}, null, null)['contact.emailClicks']).toBeUndefined();
    expect(factsFrom({ estimatedValue: { amount: 5000, currency: 'EUR' } }, { annualRevenue: { amount: 9 } }, null)).toMatchObject({
      'lead.estimatedValue': 5000,
      'company.annualRevenue': 9,
    });
  });

  it('supports in, exists, the numeric comparisons and per with a unit size', () => {
    const f = facts({ 'company.companySize': '51-200', 'company.annualRevenue': 2_500_000, 'contact.engagementScore': 30 });
    expect(pointsOf({ field: 'company.companySize', op: 'in', value: ['11-50', '51-200'], points: 10 }, f)).toBe(10);
    expect(pointsOf({ field: 'company.companySize', op: 'exists', points: 3 }, f)).toBe(3);
    expect(pointsOf({ field: 'company.accountType', op: 'exists', points: 3 }, f)).toBe(0);
    expect(pointsOf({ field: 'contact.engagementScore', op: 'gt', value: 30, points: 1 }, f)).toBe(0);
    expect(pointsOf({ field: 'contact.engagementScore', op: 'lte', value: 30, points: 1 }, f)).toBe(1);
    expect(pointsOf({ field: 'contact.engagementScore', op: 'lt', value: 31, points: 1 }, f)).toBe(1);
    // +2 per whole million of revenue (minor units): 2,500,000 → 2 units.
    expect(pointsOf({ field: 'company.annualRevenue', op: 'per', value: 1_000_000, points: 2 }, f)).toBe(4);
  });

  it('refuses rules that do not fit their field', () => {
    expect(() => checkRule({ field: 'company.industry', op: 'gte', value: 2, points: 1 })).toThrow(/compares numbers/);
    expect(() => checkRule({ field: 'company.industry', op: 'per', points: 1 })).toThrow(/numeric/);
    expect(() => checkRule({ field: 'contact.eventsAttended', op: 'eq', value: 'two', points: 1 })).toThrow(/a number/);
    expect(() => checkRule({ field: 'company.industry', op: 'in', value: [], points: 1 })).toThrow(/non-empty list/);
    expect(() => checkRule({ field: 'company.industry', op: 'exists', value: 'x', points: 1 })).toThrow(/no value/);
    for (const rule of example) expect(() => checkRule(rule)).not.toThrow();
  });
});
