import { maximiseLogLikelihood, type Fit } from './fit.ts';
import { betaln, gammaln, logAddExp, logSumExp } from './special.ts';

/**
 * BG/BB — beta-geometric/beta-Bernoulli (Fader, Hardie & Shang 2010, "Customer-Base
 * Analysis in a Discrete-Time Noncontractual Setting", Marketing Science 29(6)),
 * formulas as in lifetimes' BetaGeoBetaBinomFitter. Purchases can only happen
 * at discrete opportunities: here each event the organiser ran after the one
 * of the customer's first purchase. A customer buys at an opportunity with
 * p ~ Beta(α, β) while alive, and dies before each with θ ~ Beta(γ, δ).
 *
 * One history: `x` repeat purchases in `n` opportunities, the last at
 * opportunity `tx` (0 when none).
 */
export interface DiscreteHistory {
  x: number;
  tx: number;
  n: number;
}

export type BgBbParams = { alpha: number; beta: number; gamma: number; delta: number };

const asParams = ([alpha, beta, gamma, delta]: number[]): BgBbParams => ({ alpha: alpha!, beta: beta!, gamma: gamma!, delta: delta! });

/**
 * Eq. 5: log L(α, β, γ, δ | x, tx, n). The sum's beta functions step by
 * B(a, b + 1) = B(a, b)·b/(a + b), so each history costs four betaln, not 2(n − tx).
 */
export function bgbbLogLikelihood({ alpha, beta, gamma, delta }: BgBbParams, { x, tx, n }: DiscreteHistory): number {
  const ab = betaln(alpha, beta);
  const gd = betaln(gamma, delta);
  const alive = betaln(alpha + x, beta + n - x) - ab + betaln(gamma, delta + n) - gd;
  const diedAfter: number[] = [];
  let p = betaln(alpha + x, beta + tx - x) - ab;
  let q = betaln(gamma + 1, delta + tx) - gd;
  for (let i = 0; i <= n - tx - 1; i++) {
    diedAfter.push(p + q);
    p += Math.log((beta + tx - x + i) / (alpha + beta + tx + i));
    q += Math.log((delta + tx + i) / (gamma + 1 + delta + tx + i));
  }
  return logAddExp(alive, logSumExp(diedAfter));
}

/** Identical histories counted once (a customer base has few distinct (x, tx, n)). */
export function grouped<T>(histories: readonly T[], key: (h: T) => string): { history: T; weight: number }[] {
  const groups = new Map<string, { history: T; weight: number }>();
  for (const h of histories) {
    const k = key(h);
    const g = groups.get(k);
    if (g) g.weight += 1;
    else groups.set(k, { history: h, weight: 1 });
  }
  return [...groups.values()];
}

export function fitBgBb(histories: readonly DiscreteHistory[]): Fit & { named: BgBbParams } {
  const groups = grouped(histories, (h) => `${h.x}/${h.tx}/${h.n}`);
  const fit = maximiseLogLikelihood((p) => {
    const params = asParams(p);
    let sum = 0;
    for (const { history, weight } of groups) sum += weight * bgbbLogLikelihood(params, history);
    return sum;
  }, [1, 1, 1, 1]);
  return { ...fit, named: asParams(fit.params) };
}

/** Eq. 11: P(alive at opportunity n + 1 | x, tx, n). */
export function bgbbProbabilityAlive(p: BgBbParams, h: DiscreteHistory): number {
  const { alpha, beta, gamma, delta } = p;
  const log = betaln(alpha + h.x, beta + h.n - h.x) - betaln(alpha, beta) + betaln(gamma, delta + h.n + 1) - betaln(gamma, delta);
  return Math.min(1, Math.exp(log - bgbbLogLikelihood(p, h)));
}

/** Eq. 13: expected purchases in the next `future` opportunities given the history. */
export function bgbbExpectedPurchases(p: BgBbParams, h: DiscreteHistory, future: number): number {
  if (future <= 0) return 0;
  const { alpha, beta, gamma, delta } = p;
  const { x, n } = h;
  const logP2 = betaln(alpha + x + 1, beta + n - x) - betaln(alpha, beta);
  const p3 = (delta / (gamma - 1)) * Math.exp(gammaln(gamma + delta) - gammaln(1 + delta));
  const p4 = Math.exp(gammaln(1 + delta + n) - gammaln(gamma + delta + n));
  const p5 = Math.exp(gammaln(1 + delta + n + future) - gammaln(gamma + delta + n + future));
  return Math.exp(logP2 - bgbbLogLikelihood(p, h)) * p3 * (p4 - p5);
}
