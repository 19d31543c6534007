import { describe, expect, it } from 'vitest';
import { matches } from '#packages/features/segments/segment-filter.ts';
import { holds } from '#packages/features/workflows/conditions.ts';
import { fitCustomerBase, MIN_REPEAT_BUYERS } from '#packages/features/lifetime-value/scoring.ts';
import type { Buyer } from '#packages/features/lifetime-value/histories.ts';

const scored = (probabilityActive: number, amount: number) => ({
  lifetimeValue: { method: 'bg-bb', probabilityActive, expectedPurchases12m: 1, predictedValue: { amount, currency: 'EUR', low: 0, high: amount * 2 }, fittedAt: '2026-12-01T00:00:00.000Z' },
});

describe('predicted lifetime value in segments and workflows', () => {
  it('segment criteria select by predicted value (same currency) and probability active; unscored contacts match none', () => {
    expect(matches({ minPredictedValue: { amount: 5000, currency: 'EUR' } }, scored(0.9, 6000))).toBe(true);
    expect(matches({ minPredictedValue: { amount: 5000, currency: 'EUR' } }, scored(0.9, 4000))).toBe(false);
    expect(matches({ minPredictedValue: { amount: 5000, currency: 'USD' } }, scored(0.9, 6000))).toBe(false);
    expect(matches({ maxProbabilityActive: 0.3 }, scored(0.2, 100))).toBe(true);
    expect(matches({ maxProbabilityActive: 0.3 }, scored(0.3, 100))).toBe(false);
    expect(matches({ minProbabilityActive: 0.5 }, scored(0.6, 100))).toBe(true);
    expect(matches({ maxProbabilityActive: 0.3 }, {})).toBe(false);
    expect(matches({ minPredictedValue: { amount: 0, currency: 'EUR' } }, {})).toBe(false);
  });

  it('workflow conditions read the nested figures', () => {
    const facts = { event: {}, contact: scored(0.25, 7000) };
    expect(holds({ path: 'contact.lifetimeValue.probabilityActive', op: 'lt', value: 0.3 }, facts)).toBe(true);
    expect(holds({ path: 'contact.lifetimeValue.predictedValue.amount', op: 'gte', value: 8000 }, facts)).toBe(false);
  });
});

describe('the fallback to RFM scoring', () => {
  const now = '2026-12-01T00:00:00.000Z';
  const buyer = (i: number, purchases: number): Buyer => ({
    email: `b${i}@example.com`,
    firstPurchaseAt: '2025-01-01T00:00:00.000Z',
    lastPurchaseAt: new Date(Date.parse('2025-02-01T00:00:00.000Z') + i * 86_400_000).toISOString(),
    purchases,
    spendAmount: purchases * 4000,
    currency: 'EUR',
    eventIds: [],
  });

  it(`scores by recency, frequency and monetary quintiles below ${MIN_REPEAT_BUYERS} repeat buyers, and says so`, () => {
    const buyers = Array.from({ length: 100 }, (_, i) => buyer(i, i < MIN_REPEAT_BUYERS - 1 ? 2 : 1));
    const scorer = fitCustomerBase({ buyers, pastEvents: [], futureOpportunities: 0, now, seed: 't' });
    expect(scorer.summary.method).toBe('rfm');
    expect(scorer.summary.repeatBuyers).toBe(MIN_REPEAT_BUYERS - 1);
    const recent = scorer.score(buyers[99]!);
    const lapsed = scorer.score(buyers[0]!);
    expect(recent.method).toBe('rfm');
    expect(recent.probabilityActive).toBeGreaterThan(lapsed.probabilityActive);
    expect(recent.predictedValue.low).toBeLessThanOrEqual(recent.predictedValue.amount);
    expect(recent.predictedValue.high).toBeGreaterThanOrEqual(recent.predictedValue.amount);
  });

  it(`fits a model from ${MIN_REPEAT_BUYERS} repeat buyers on`, () => {
    const buyers = Array.from({ length: 100 }, (_, i) => ({ ...buyer(i, i < 40 ? 2 + (i % 4) : 1), spendAmount: 4000 * (i < 40 ? 2 + (i % 4) : 1) + (i % 7) * 500 }));
    const scorer = fitCustomerBase({ buyers, pastEvents: [], futureOpportunities: 0, now, seed: 't' });
    expect(scorer.summary.method).toBe('bg-nbd');
    const figures = scorer.score(buyers[5]!);
    expect(figures.method).toBe('bg-nbd');
    expect(figures.probabilityActive).toBeGreaterThan(0);
    expect(figures.predictedValue.low).toBeLessThanOrEqual(figures.predictedValue.amount);
    expect(figures.predictedValue.high).toBeGreaterThanOrEqual(figures.predictedValue.amount);
  });
});
