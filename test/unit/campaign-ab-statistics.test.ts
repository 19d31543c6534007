import { describe, expect, it } from 'vitest';
import { evaluate } from '#packages/features/campaigns/ab/evaluate.ts';
import type { ArmFigures } from '#packages/features/campaigns/ab/figures.ts';
import type { AbTestInput } from '#packages/features/campaigns/ab/contract.ts';
import { durationMs } from '#packages/features/campaigns/ab/duration.ts';
import {
  holmAdjust,
  meanSampleSize,
  normalQuantile,
  phi,
  proportionSampleSize,
  twoMeanPValue,
  twoProportionPValue,
} from '#packages/features/campaigns/ab/statistics.ts';

describe('A/B statistics', () => {
  it('inverts the normal CDF', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.8)).toBeCloseTo(0.841621, 5);
    expect(phi(normalQuantile(0.01))).toBeCloseTo(0.01, 9);
  });

  it('sizes a two-proportion test as the textbook does (10 % → 15 %: 686 per group at α 0.05, power 0.8)', () => {
    expect(proportionSampleSize(0.1, 0.15)).toBe(686);
    expect(proportionSampleSize(0.15, 0.1)).toBe(686);
    // A smaller lift needs more; a stricter α (Bonferroni over 3 comparisons) needs more.
    expect(proportionSampleSize(0.1, 0.12)).toBeGreaterThan(686);
    expect(proportionSampleSize(0.1, 0.15, 0.05 / 3)).toBeGreaterThan(686);
    expect(proportionSampleSize(0.2, 0.2)).toBe(Infinity);
    // Means: (1.96 + 0.8416)² · 2 · 1 / 0.5² = 62.8 → 63.
    expect(meanSampleSize(1, 0.5)).toBe(63);
  });

  it('tests two proportions and two means (two-sided)', () => {
    const r = twoProportionPValue({ successes: 60, n: 200 }, { successes: 40, n: 200 });
    expect(r.z).toBeCloseTo(2.3094, 4);
    expect(r.p).toBeCloseTo(0.02092, 4);
    expect(twoProportionPValue({ successes: 0, n: 0 }, { successes: 1, n: 10 }).p).toBe(1);
    expect(twoProportionPValue({ successes: 5, n: 10 }, { successes: 5, n: 10 }).p).toBeCloseTo(1, 9);
    // Same means, spread or not: nothing to tell apart.
    expect(twoMeanPValue({ n: 4, sum: 8, sumSquares: 20 }, { n: 4, sum: 8, sumSquares: 20 }).p).toBeCloseTo(1, 9);
  });

  it("adjusts p-values with Holm's step-down method", () => {
    expect(holmAdjust([0.01, 0.04, 0.03])).toEqual([0.03, 0.06, 0.06]);
    expect(holmAdjust([0.02])).toEqual([0.02]);
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjust([0.02, 0.01])).toEqual([0.02, 0.02]);
  });

  it('reads test lengths as ISO durations or hours', () => {
    expect(durationMs('PT4H')).toBe(4 * 3_600_000);
    expect(durationMs('P1DT30M')).toBe(86_400_000 + 1_800_000);
    expect(durationMs('PT90S')).toBe(90_000);
    expect(durationMs(1.5)).toBe(5_400_000);
    for (const bad of ['P', 'PT', '4h', 'P1M', '', 'PT-1H']) expect(durationMs(bad)).toBeNull();
    expect(durationMs(0)).toBeNull();
  });
});

const arm = (id: string, sent: number, clicked: number): ArmFigures => ({
  id,
  totals: { sent, delivered: sent, opened: 0, machineOpened: 0, clicked },
  purchases: 0,
  buyers: 0,
  revenue: 0,
  revenueSquares: 0,
});

const test3: AbTestInput = {
  variants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
  testShare: 50,
  winnerMetric: 'click_rate',
  minimumDetectableLift: 0.5,
  baselineRate: 0.1,
  testDuration: 'PT1H',
  fallbackVariant: 'a',
};

describe('A/B evaluation', () => {
  const ends = '2026-12-01T10:00:00.000Z';
  const after = Date.parse(ends) + 1000;
  const big = [arm('a', 1000, 100), arm('b', 1000, 180), arm('c', 1000, 95)];

  it('never decides before the test length, however clear the figures', () => {
    const e = evaluate(test3, big, { now: Date.parse(ends) - 1000, testEndsAt: ends });
    expect(e).toMatchObject({ state: 'testing', outcome: null, bestVariant: 'b', significant: true });
    expect(evaluate(test3, big, { now: after, testEndsAt: null })).toMatchObject({ state: 'testing', outcome: null });
  });

  it('waits for the minimum sample after the test length, then falls back', () => {
    const small = [arm('a', 40, 4), arm('b', 40, 20), arm('c', 40, 3)];
    const e = evaluate(test3, small, { now: after, testEndsAt: ends });
    expect(e.minimumSamplePerVariant).toBeGreaterThan(40);
    expect(e).toMatchObject({ state: 'waiting_for_sample', outcome: null });
    const late = evaluate(test3, small, { now: Date.parse(ends) + 3_600_000 + 1, testEndsAt: ends });
    expect(late).toMatchObject({ state: 'fallback', outcome: { state: 'fallback', variant: 'a' } });
    expect(late.reason).toContain('minimum sample not reached');
  });

  it('picks the significantly best variant (Holm over best-vs-each-other)', () => {
    const e = evaluate(test3, big, { now: after, testEndsAt: ends });
    expect(e.minimumSamplePerVariant).toBeLessThanOrEqual(1000);
    expect(e).toMatchObject({ state: 'decided', outcome: { state: 'decided', variant: 'b' }, significant: true });
    expect(e.pValue!).toBeLessThan(0.05);
  });

  it('falls back when the best is not significantly ahead of every other variant', () => {
    // b beats c clearly but not a: no winner.
    const close = [arm('a', 1000, 168), arm('b', 1000, 180), arm('c', 1000, 95)];
    const e = evaluate(test3, close, { now: after, testEndsAt: ends });
    expect(e).toMatchObject({ state: 'fallback', bestVariant: 'b', significant: false, outcome: { state: 'fallback', variant: 'a' } });
    expect(e.reason).toContain('no significant difference');
  });

  it('takes the baseline from the pooled observed rate when none is given', () => {
    const { baselineRate: _, ...observed } = test3;
    const e = evaluate(observed, big, { now: after, testEndsAt: ends });
    expect(e.baseline).toBeCloseTo(375 / 3000, 4);
  });

  it('decides an open-rate test on people only: machine opens never make a winner', () => {
    const openTest: AbTestInput = { ...test3, variants: [{ id: 'a' }, { id: 'b' }], winnerMetric: 'open_rate' };
    const withOpens = (id: string, opened: number, machineOpened: number): ArmFigures => ({ ...arm(id, 1000, 0), totals: { sent: 1000, delivered: 1000, opened, machineOpened, clicked: 0 } });
    // B's mails were all fetched by Apple's proxy; people opened both alike.
    const proxied = evaluate(openTest, [withOpens('a', 200, 10), withOpens('b', 205, 900)], { now: after, testEndsAt: ends });
    expect(proxied).toMatchObject({ state: 'fallback', significant: false });
    const real = evaluate(openTest, [withOpens('a', 200, 10), withOpens('b', 320, 10)], { now: after, testEndsAt: ends });
    expect(real).toMatchObject({ state: 'decided', outcome: { variant: 'b' } });
  });
});
