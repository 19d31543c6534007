import { bgbbExpectedPurchases, bgbbProbabilityAlive, fitBgBb, type BgBbParams } from './models/bg-bb.ts';
import { bgnbdExpectedPurchases, bgnbdProbabilityAlive, fitBgNbd, type BgNbdParams } from './models/bg-nbd.ts';
import { drawParams, type Fit } from './models/fit.ts';
import { fitGammaGamma, gammaGammaExpectedSpend, pearson, SPEND_CORRELATION_LIMIT, type GammaGammaParams } from './models/gamma-gamma.ts';
import { rfmFigures, rfmScores } from './models/rfm.ts';
import { seededRng, seedOf } from './models/rng.ts';
import { continuousHistory, daysBetween, discreteHistory, type Buyer, type Opportunity } from './histories.ts';

/** Below this many repeat buyers the models' parameters are noise: RFM scoring instead. */
export const MIN_REPEAT_BUYERS = 30;
/** BG/BB needs opportunities to count: with fewer events behind the organiser, continuous time (BG/NBD). */
export const MIN_EVENTS_FOR_BGBB = 3;
/** Parameter draws behind each contact's range (the 5th and 95th percentiles of the value over them). */
export const RANGE_DRAWS = 40;

export type Method = 'bg-bb' | 'bg-nbd' | 'rfm';

export interface ModelSummary {
  method: Method;
  /** Why this method (the fallback's reason when RFM). */
  reason: string;
  params: Record<string, number> | null;
  spendModel: 'gamma-gamma' | 'mean-order-value';
  spendParams: Record<string, number> | null;
  /** Pearson's r of purchases and average spend among repeat buyers (null when undefined). */
  spendFrequencyCorrelation: number | null;
  buyers: number;
  repeatBuyers: number;
  logLikelihood: number | null;
  fittedAt: string;
}

export interface Figures {
  method: Method;
  probabilityActive: number;
  expectedPurchases12m: number;
  predictedValue: { amount: number; currency: string; low: number; high: number };
  fittedAt: string;
}

export interface Scorer {
  summary: ModelSummary;
  score(buyer: Buyer): Figures;
}

const percentile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.floor(q * (sorted.length - 1) + 0.5)))]!;
const round4 = (v: number) => Math.round(v * 10_000) / 10_000;

/**
 * Fits the tenant's customer base and returns a scorer for each buyer.
 * `futureOpportunities`: BG/BB's opportunities in the next 12 months (the
 * events already scheduled, else as many as in the last 12 months).
 * The range: RANGE_DRAWS parameter sets from the fit's Laplace approximation
 * (normal in log space, the covariance from the numerical Hessian), the value
 * computed under each, its 5th–95th percentile — the uncertainty of the
 * parameters, not of the customer's own randomness.
 */
export function fitCustomerBase(input: {
  buyers: readonly Buyer[];
  pastEvents: readonly Opportunity[];
  futureOpportunities: number;
  now: string;
  prefer?: 'bg-bb' | 'bg-nbd';
  seed: string;
}): Scorer {
  const { buyers, pastEvents, now } = input;
  const repeat = buyers.filter((b) => b.purchases >= 2);
  const correlation = pearson(repeat.map((b) => b.purchases), repeat.map((b) => b.spendAmount / b.purchases));
  const base = { buyers: buyers.length, repeatBuyers: repeat.length, spendFrequencyCorrelation: Number.isFinite(correlation) ? round4(correlation) : null, fittedAt: now };
  const method: 'bg-bb' | 'bg-nbd' = input.prefer ?? (pastEvents.length >= MIN_EVENTS_FOR_BGBB ? 'bg-bb' : 'bg-nbd');

  if (repeat.length < MIN_REPEAT_BUYERS) return rfmScorer(buyers, now, { ...base, reason: `${repeat.length} repeat buyers, fewer than ${MIN_REPEAT_BUYERS}` });

  let fit: Fit;
  // Predictions depend on the history only, and customers share few histories: each is computed once per run.
  let keyOf: (buyer: Buyer) => string;
  let predict: (params: number[], buyer: Buyer) => { alive: number; purchases: number };
  if (method === 'bg-bb') {
    fit = fitBgBb(buyers.map((b) => discreteHistory(b, pastEvents)));
    const asParams = ([alpha, beta, gamma, delta]: number[]): BgBbParams => ({ alpha: alpha!, beta: beta!, gamma: gamma!, delta: delta! });
    keyOf = (b) => Object.values(discreteHistory(b, pastEvents)).join('/');
    predict = (p, b) => {
      const h = discreteHistory(b, pastEvents);
      return { alive: bgbbProbabilityAlive(asParams(p), h), purchases: bgbbExpectedPurchases(asParams(p), h, input.futureOpportunities) };
    };
  } else {
    fit = fitBgNbd(buyers.map((b) => continuousHistory(b, now)));
    const asParams = ([r, alpha, a, b]: number[]): BgNbdParams => ({ r: r!, alpha: alpha!, a: a!, b: b! });
    keyOf = (b) => Object.values(continuousHistory(b, now)).join('/');
    predict = (p, b) => {
      const h = continuousHistory(b, now);
      return { alive: bgnbdProbabilityAlive(asParams(p), h), purchases: bgnbdExpectedPurchases(asParams(p), h, 52) };
    };
  }
  if (!fit.converged) return rfmScorer(buyers, now, { ...base, reason: `the ${method} fit did not converge` });

  // Gamma-Gamma only when its independence assumption is credible; else the buyer's own mean order value.
  const gg = Number.isFinite(correlation) && Math.abs(correlation) < SPEND_CORRELATION_LIMIT ? fitGammaGamma(repeat.map((b) => ({ x: b.purchases, m: b.spendAmount / b.purchases }))) : null;
  const useGg = gg !== null && gg.converged && gg.named.q > 1;
  const spendOf = (p: number[] | null, b: Buyer): number => {
    const m = b.spendAmount / b.purchases;
    return useGg && p ? gammaGammaExpectedSpend({ p: p[0]!, q: p[1]!, v: p[2]! }, { x: b.purchases, m }) : m;
  };

  const rng = seededRng(seedOf(input.seed));
  const purchaseDraws = drawParams(fit, RANGE_DRAWS, rng);
  const spendDraws = useGg ? drawParams(gg, RANGE_DRAWS, rng).map((p) => (p[1]! > 1 ? p : gg.params)) : [];
  const names = method === 'bg-bb' ? ['alpha', 'beta', 'gamma', 'delta'] : ['r', 'alpha', 'a', 'b'];
  const summary: ModelSummary = {
    ...base,
    method,
    reason: input.prefer ? 'asked for' : method === 'bg-bb' ? `${pastEvents.length} events behind the organiser: discrete opportunities` : `fewer than ${MIN_EVENTS_FOR_BGBB} events: continuous time`,
    params: Object.fromEntries(names.map((n, i) => [n, fit.params[i]!])),
    spendModel: useGg ? 'gamma-gamma' : 'mean-order-value',
    spendParams: useGg ? { p: gg.named.p, q: gg.named.q, v: gg.named.v } : null,
    logLikelihood: fit.logLikelihood,
  };
  const predictions = new Map<string, { alive: number; purchases: number; drawn: number[] }>();
  return {
    summary,
    score(buyer) {
      const key = keyOf(buyer);
      let known = predictions.get(key);
      if (!known) {
        known = { ...predict(fit.params, buyer), drawn: purchaseDraws.map((p) => predict(p, buyer).purchases) };
        predictions.set(key, known);
      }
      const { alive, purchases, drawn } = known;
      const value = purchases * spendOf(useGg ? gg.params : null, buyer);
      const values = drawn.map((n, i) => n * spendOf(spendDraws[i] ?? (useGg ? gg.params : null), buyer)).sort((a, b) => a - b);
      return {
        method,
        probabilityActive: round4(alive),
        expectedPurchases12m: round4(purchases),
        predictedValue: {
          amount: Math.round(value),
          currency: buyer.currency,
          low: Math.round(Math.min(value, percentile(values, 0.05))),
          high: Math.round(Math.max(value, percentile(values, 0.95))),
        },
        fittedAt: now,
      };
    },
  };
}

function rfmScorer(buyers: readonly Buyer[], now: string, base: Omit<ModelSummary, 'method' | 'params' | 'spendModel' | 'spendParams' | 'logLikelihood'>): Scorer {
  const inputs = buyers.map((b) => ({ recencyDays: daysBetween(b.lastPurchaseAt, now), purchases: b.purchases, spend: b.spendAmount, ageDays: daysBetween(b.firstPurchaseAt, now) }));
  const scores = rfmScores(inputs);
  const byEmail = new Map(buyers.map((b, i) => [b.email, { score: scores[i]!, input: inputs[i]! }]));
  return {
    summary: { ...base, method: 'rfm', params: null, spendModel: 'mean-order-value', spendParams: null, logLikelihood: null },
    score(buyer) {
      // A buyer who arrived after the fit: scored against nothing, the middle band.
      const known = byEmail.get(buyer.email) ?? { score: { recency: 3, frequency: 3, monetary: 3 }, input: { recencyDays: daysBetween(buyer.lastPurchaseAt, now), purchases: buyer.purchases, spend: buyer.spendAmount, ageDays: daysBetween(buyer.firstPurchaseAt, now) } };
      const f = rfmFigures(known.score, known.input);
      const value = f.expectedPurchases12m * f.spendPerPurchase;
      return {
        method: 'rfm',
        probabilityActive: round4(f.probabilityActive),
        expectedPurchases12m: round4(f.expectedPurchases12m),
        predictedValue: { amount: Math.round(value), currency: buyer.currency, low: Math.round(value * 0.5), high: Math.round(value * 1.5) },
        fittedAt: now,
      };
    },
  };
}
