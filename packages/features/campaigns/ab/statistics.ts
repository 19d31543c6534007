import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * The statistics of an A/B test, pure functions (test/unit/campaign-ab-statistics.test.ts).
 *
 * Significance: α = 0.05, two-sided. Power: 0.8. With k variants the best is tested against each of the
 * k − 1 others and the p-values are corrected with Holm's step-down method (uniformly more powerful than
 * Bonferroni, the same family-wise error); the sample size uses the Bonferroni level α / (k − 1), which
 * Holm's first (strictest) step equals.
 */
export const ALPHA = 0.05;
export const POWER = 0.8;

/** Φ(x), the standard normal CDF (stdlib). */
export const phi = (x: number): number => normalCdf(x, 0, 1);

/** Φ⁻¹(p) by bisection on the stdlib CDF: monotone, 1e-12 precise, and only a few quantiles are ever needed. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`quantile of ${p}`);
  let lo = -40;
  let hi = 40;
  for (let i = 0; i < 200 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2;
    if (phi(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Recipients per variant to detect a rate going from `p1` to `p2` (two-sided level `alpha`, `power`),
 * the two-proportion formula without continuity correction (Fleiss):
 *
 *   n = ( z₁₋α/₂ · √(2 p̄ (1 − p̄)) + z₁₋β · √(p₁(1 − p₁) + p₂(1 − p₂)) )² / (p₂ − p₁)²,  p̄ = (p₁ + p₂) / 2
 *
 * rounded up. Infinity when the two rates are equal (nothing to detect).
 */
export function proportionSampleSize(p1: number, p2: number, alpha = ALPHA, power = POWER): number {
  if (p1 === p2) return Infinity;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const mean = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * mean * (1 - mean)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n - 1e-9);
}

/** The same for a difference `delta` of means with per-recipient variance `variance`: n = (z₁₋α/₂ + z₁₋β)² · 2σ² / δ². */
export function meanSampleSize(variance: number, delta: number, alpha = ALPHA, power = POWER): number {
  if (delta <= 0 || !(variance > 0)) return Infinity;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(power);
  return Math.ceil((z * z * 2 * variance) / (delta * delta) - 1e-9);
}

/** Successes out of a sample. */
export interface Proportion {
  successes: number;
  n: number;
}

/** Two-sided p-value of the pooled two-proportion z-test; 1 when a side is empty or nothing varies. */
export function twoProportionPValue(a: Proportion, b: Proportion): { z: number; p: number } {
  if (!a.n || !b.n) return { z: 0, p: 1 };
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  if (se === 0) return { z: 0, p: 1 };
  const z = (a.successes / a.n - b.successes / b.n) / se;
  return { z, p: Math.min(1, 2 * (1 - phi(Math.abs(z)))) };
}

/** Per-recipient values summarised: n, Σx, Σx². */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

export const meanOf = (m: Moments) => (m.n ? m.sum / m.n : 0);
/** Sample variance (n − 1). */
export const varianceOf = (m: Moments) => (m.n > 1 ? Math.max(0, (m.sumSquares - (m.sum * m.sum) / m.n) / (m.n - 1)) : 0);

/** Two-sided p-value of the large-sample (Welch) z-test of two means: revenue per recipient is not a proportion. */
export function twoMeanPValue(a: Moments, b: Moments): { z: number; p: number } {
  if (a.n < 2 || b.n < 2) return { z: 0, p: 1 };
  const se = Math.sqrt(varianceOf(a) / a.n + varianceOf(b) / b.n);
  if (se === 0) return { z: 0, p: 1 };
  const z = (meanOf(a) - meanOf(b)) / se;
  return { z, p: Math.min(1, 2 * (1 - phi(Math.abs(z)))) };
}

/**
 * Holm's step-down adjusted p-values, in the input's order: sorted ascending, the i-th (from 0) of m is
 * multiplied by (m − i), made non-decreasing, capped at 1. A hypothesis is rejected at α when its adjusted p ≤ α.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
