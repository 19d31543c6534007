import type { AbTestInput, AbTestStateName } from './contract.ts';
import { durationMs } from './duration.ts';
import { momentsOf, proportionOf, type ArmFigures } from './figures.ts';
import {
  ALPHA,
  holmAdjust,
  meanOf,
  meanSampleSize,
  proportionSampleSize,
  twoMeanPValue,
  twoProportionPValue,
  varianceOf,
  type Moments,
} from './statistics.ts';

export interface Evaluation {
  state: AbTestStateName;
  baseline: number | null;
  minimumSamplePerVariant: number | null;
  bestVariant: string | null;
  pValue: number | null;
  significant: boolean;
  reason: string;
  /** Set when the test is over: the variant the rest gets. */
  outcome: { state: 'decided' | 'fallback'; variant: string } | null;
}

interface Timing {
  now: number;
  /** null while the test share is still being sent. */
  testEndsAt: string | null;
}

const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The sample size each variant needs, and the baseline it was computed from (ab/statistics.ts for the formulas). */
function requiredSample(test: AbTestInput, arms: readonly ArmFigures[]): { baseline: number | null; n: number } {
  const alpha = ALPHA / (test.variants.length - 1);
  if (test.winnerMetric === 'revenue_per_recipient') {
    const pooled = arms.map(momentsOf).reduce<Moments>((a, m) => ({ n: a.n + m.n, sum: a.sum + m.sum, sumSquares: a.sumSquares + m.sumSquares }), { n: 0, sum: 0, sumSquares: 0 });
    if (!pooled.n) return { baseline: null, n: Infinity };
    const mean = meanOf(pooled);
    return { baseline: round(mean, 2), n: meanSampleSize(varianceOf(pooled), test.minimumDetectableLift * mean, alpha) };
  }
  const metric = test.winnerMetric;
  const parts = arms.map((a) => proportionOf(a, metric));
  const total = parts.reduce((s, p) => s + p.n, 0);
  const p1 = test.baselineRate ?? (total ? parts.reduce((s, p) => s + p.successes, 0) / total : null);
  if (p1 === null || p1 <= 0 || p1 >= 1) return { baseline: p1, n: Infinity };
  const p2 = Math.min(0.9999, p1 * (1 + test.minimumDetectableLift));
  return { baseline: round(p1), n: proportionSampleSize(p1, p2, alpha) };
}

/** The best arm by the metric, and the Holm-corrected p-values of it against each other arm. */
function compare(test: AbTestInput, arms: readonly ArmFigures[]): { best: ArmFigures; pValue: number } {
  const value = (a: ArmFigures) => {
    if (test.winnerMetric === 'revenue_per_recipient') return meanOf(momentsOf(a));
    const p = proportionOf(a, test.winnerMetric);
    return p.n ? p.successes / p.n : 0;
  };
  const best = arms.reduce((b, a) => (value(a) > value(b) ? a : b));
  const others = arms.filter((a) => a !== best);
  const raw = others.map((o) =>
    test.winnerMetric === 'revenue_per_recipient'
      ? twoMeanPValue(momentsOf(best), momentsOf(o)).p
      : twoProportionPValue(proportionOf(best, test.winnerMetric), proportionOf(o, test.winnerMetric)).p,
  );
  return { best, pValue: Math.max(...holmAdjust(raw)) };
}

/**
 * Where an A/B test stands, from its figures and the clock. A winner needs all three: the test length over,
 * every variant at the minimum sample, and the best significantly ahead of every other (α = 0.05 after Holm).
 * Past the test length with too small a sample it waits (`waiting_for_sample`: a baseline estimated from the
 * test's own rates can still move the minimum) for at most one more test length, then gives up for the fallback.
 */
export function evaluate(test: AbTestInput, arms: readonly ArmFigures[], timing: Timing): Evaluation {
  const { baseline, n } = requiredSample(test, arms);
  const { best, pValue } = compare(test, arms);
  const significant = pValue <= ALPHA;
  const smallest = Math.min(...arms.map((a) => a.totals.sent));
  const base = {
    baseline,
    minimumSamplePerVariant: Number.isFinite(n) ? n : null,
    bestVariant: best.id,
    // Four significant digits: a clear winner's p is far below 1e-6 and must not print as 0.
    pValue: Number(pValue.toPrecision(4)),
    significant,
  };
  const needs = Number.isFinite(n) ? `${n} recipients per variant` : 'a sample (no baseline rate yet: nothing to compute the minimum from)';
  if (!timing.testEndsAt) return { ...base, state: 'testing', reason: 'the test share is being sent', outcome: null };
  const ends = Date.parse(timing.testEndsAt);
  if (timing.now < ends) return { ...base, state: 'testing', reason: `the test runs until ${timing.testEndsAt}`, outcome: null };
  const fallback = test.fallbackVariant;
  if (smallest < n) {
    const giveUpAt = ends + durationMs(test.testDuration)!;
    if (timing.now < giveUpAt) {
      return { ...base, state: 'waiting_for_sample', reason: `needs ${needs}, the smallest variant has ${smallest}; waits until ${new Date(giveUpAt).toISOString()} at most`, outcome: null };
    }
    return { ...base, state: 'fallback', reason: `minimum sample not reached (needs ${needs}, the smallest variant has ${smallest}): the fallback variant ${fallback}`, outcome: { state: 'fallback', variant: fallback } };
  }
  if (significant) {
    return {
      ...base,
      state: 'decided',
      reason: `${best.id} is best on ${test.winnerMetric} and significantly ahead of every other variant (p = ${base.pValue} ≤ 0.05${arms.length > 2 ? ', Holm-corrected' : ''})`,
      outcome: { state: 'decided', variant: best.id },
    };
  }
  return {
    ...base,
    state: 'fallback',
    reason: `no significant difference on ${test.winnerMetric} (p = ${base.pValue} > 0.05${arms.length > 2 ? ', Holm-corrected' : ''}): the fallback variant ${fallback}`,
    outcome: { state: 'fallback', variant: fallback },
  };
}
