import { maximiseLogLikelihood, type Fit } from './fit.ts';
import { grouped } from './bg-bb.ts';
import { gammaln, hyp2f1, logAddExp } from './special.ts';

/**
 * BG/NBD — beta-geometric/negative binomial (Fader, Hardie & Lee 2005, "Counting
 * Your Customers the Easy Way", Marketing Science 24(2)), formulas as in
 * lifetimes' BetaGeoFitter. Continuous time: while alive a customer buys at
 * rate λ ~ Gamma(r, α) and after each purchase dies with p ~ Beta(a, b).
 *
 * One history: `x` repeat purchases, the last at `tx` after the first,
 * observed for `T` since the first (same time unit throughout: weeks here).
 */
export interface ContinuousHistory {
  x: number;
  tx: number;
  T: number;
}

export type BgNbdParams = { r: number; alpha: number; a: number; b: number };

const asParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r: r!, alpha: alpha!, a: a!, b: b! });

/** Eq. 6 in logs. */
export function bgnbdLogLikelihood({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: ContinuousHistory): number {
  const a1 = gammaln(r + x) - gammaln(r) + r * Math.log(alpha);
  const a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x);
  const a3 = -(r + x) * Math.log(alpha + T);
  const a4 = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx) : -Infinity;
  return a1 + a2 + logAddExp(a3, a4);
}

export function fitBgNbd(histories: readonly ContinuousHistory[]): Fit & { named: BgNbdParams } {
  const groups = grouped(histories, (h) => `${h.x}/${h.tx}/${h.T}`);
  // lifetimes scales time so α starts near 1; we start α at the mean age instead.
  const meanT = histories.reduce((s, h) => s + h.T, 0) / Math.max(1, histories.length);
  const xs = [...new Set(histories.map((h) => h.x))];
  const fit = maximiseLogLikelihood((p) => {
    const { r, alpha, a, b } = asParams(p);
    // The gamma functions depend on x only: once per distinct x, not per customer.
    const head = new Map(xs.map((x) => [x, gammaln(r + x) - gammaln(r) + r * Math.log(alpha) + gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)]));
    let sum = 0;
    for (const { history: h, weight } of groups) {
      const a3 = -(r + h.x) * Math.log(alpha + h.T);
      const a4 = h.x > 0 ? Math.log(a) - Math.log(b + h.x - 1) - (r + h.x) * Math.log(alpha + h.tx) : -Infinity;
      sum += weight * (head.get(h.x)! + logAddExp(a3, a4));
    }
    return sum;
  }, [1, Math.max(1, meanT), 1, 1]);
  return { ...fit, named: asParams(fit.params) };
}

/** Eq. 12 (the 2008 note's form): P(alive at T | x, tx, T). */
export function bgnbdProbabilityAlive({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: ContinuousHistory): number {
  if (x === 0) return 1;
  return 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/** Eq. 10: expected purchases in (T, T + t] given the history (Gauss's hypergeometric 2F1). */
export function bgnbdExpectedPurchases({ r, alpha, a, b }: BgNbdParams, { x, tx, T }: ContinuousHistory, t: number): number {
  if (t <= 0) return 0;
  const z = t / (alpha + T + t);
  const hyp = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp);
  const denominator = 1 + (x > 0 ? (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x) : 0);
  return numerator / denominator;
}
