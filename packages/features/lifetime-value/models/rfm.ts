/**
 * The fallback when the customer base is too thin for the probabilistic
 * models (fewer than MIN_REPEAT_BUYERS repeat buyers, or a fit that did not
 * converge): recency, frequency and monetary quintile scores, 1 (worst) to 5
 * (best), each by rank among the tenant's buyers (ties share the lower rank).
 */
export interface RfmInput {
  /** Days since the last purchase (fewer is better). */
  recencyDays: number;
  purchases: number;
  spend: number;
}

export interface RfmScore {
  recency: number;
  frequency: number;
  monetary: number;
}

function quintiles(values: readonly number[], higherIsBetter: boolean): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = values.length;
  return values.map((v) => {
    // Rank of the first equal value: ties score alike.
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const fraction = n > 1 ? lo / n : 0.5;
    const score = Math.min(5, 1 + Math.floor(fraction * 5));
    return higherIsBetter ? score : 6 - score;
  });
}

export function rfmScores(inputs: readonly RfmInput[]): RfmScore[] {
  const r = quintiles(inputs.map((i) => i.recencyDays), false);
  const f = quintiles(inputs.map((i) => i.purchases), true);
  const m = quintiles(inputs.map((i) => i.spend), true);
  return inputs.map((_, i) => ({ recency: r[i]!, frequency: f[i]!, monetary: m[i]! }));
}

/**
 * Figures from scores, a heuristic and labelled so (`method: rfm`): the
 * probability of being active is the recency score's band (0.1 … 0.9), the
 * next 12 months' purchases are the buyer's own yearly rate so far times
 * that, and the value range is ±50 % — not a statistical interval.
 */
export function rfmFigures(score: RfmScore, input: RfmInput & { ageDays: number }): { probabilityActive: number; expectedPurchases12m: number; spendPerPurchase: number } {
  const probabilityActive = (score.recency - 0.5) / 5;
  const years = Math.max(input.ageDays / 365, 1);
  return {
    probabilityActive,
    expectedPurchases12m: (input.purchases / years) * probabilityActive,
    spendPerPurchase: input.purchases > 0 ? input.spend / input.purchases : 0,
  };
}
