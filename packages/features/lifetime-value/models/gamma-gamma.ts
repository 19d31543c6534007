import { maximiseLogLikelihood, type Fit } from './fit.ts';
import { gammaln } from './special.ts';

/**
 * Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV: Using
 * Iso-Value Curves for Customer Base Analysis", JMR 42(4); Colombo & Jiang
 * 1999), formulas as in lifetimes' GammaGammaFitter. A customer's spends are
 * Gamma(p, ν) with ν ~ Gamma(q, γ). Fitted on repeat buyers only: `x`
 * purchases averaging `m` (minor units). It assumes spend independent of
 * frequency, hence used only when their correlation is weak (|r| < 0.3,
 * `SPEND_CORRELATION_LIMIT`).
 */
export interface SpendHistory {
  x: number;
  m: number;
}

export type GammaGammaParams = { p: number; q: number; v: number };

export const SPEND_CORRELATION_LIMIT = 0.3;

export function gammaGammaLogLikelihood({ p, q, v }: GammaGammaParams, { x, m }: SpendHistory): number {
  return (
    gammaln(p * x + q) - gammaln(p * x) - gammaln(q) + q * Math.log(v) + (p * x - 1) * Math.log(m) + p * x * Math.log(x) - (p * x + q) * Math.log(x * m + v)
  );
}

export function fitGammaGamma(histories: readonly SpendHistory[]): Fit & { named: GammaGammaParams } {
  const meanM = histories.reduce((s, h) => s + h.m, 0) / Math.max(1, histories.length);
  const fit = maximiseLogLikelihood(([p, q, v]) => {
    let sum = 0;
    for (const h of histories) sum += gammaGammaLogLikelihood({ p: p!, q: q!, v: v! }, h);
    return sum;
  }, [1, 2, Math.max(1, meanM)]);
  const [p, q, v] = fit.params;
  return { ...fit, named: { p: p!, q: q!, v: v! } };
}

/** E[M | x, m̄]: the population mean pulled towards the customer's own average by their number of purchases. */
export function gammaGammaExpectedSpend({ p, q, v }: GammaGammaParams, { x, m }: SpendHistory): number {
  if (q <= 1) return x > 0 ? m : NaN;
  return (p * (v + x * m)) / (p * x + q - 1);
}

/** Pearson's r, NaN for fewer than 3 points or no variance. */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 3) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx;
    const dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
