import type { Stage } from '#packages/features/pipelines/index.ts';

export interface ForecastOpportunity {
  stageId: string;
  amount: { amount: number; currency: string };
  assignedTo?: string | undefined;
}

export interface StageLine {
  stageId: string;
  name: string;
  probability: number;
  count: number;
  amount: number;
  weighted: number;
}

export interface OwnerLine {
  assignedTo: string | null;
  open: number;
  weighted: number;
  won: number;
  lost: number;
}

export interface ForecastTotals {
  open: number;
  weighted: number;
  won: number;
  lost: number;
  byStage: StageLine[];
  byOwner: OwnerLine[];
}

/** What a stage counts for in the forecast: won 100 %, lost 0 %, open its probability. */
export function effectiveProbability(stage: Pick<Stage, 'kind' | 'probability'>): number {
  return stage.kind === 'won' ? 100 : stage.kind === 'lost' ? 0 : stage.probability;
}

/**
 * One opportunity's weighted amount in minor units: amount × probability /
 * 100, rounded half up ONCE per opportunity, in integer arithmetic (exact
 * while amount × 100 < 2^53, i.e. amounts below 90 trillion minor units).
 * Sums are of these rounded values, so per-stage and per-owner lines add up
 * to the total exactly.
 */
export function weightedAmount(amount: number, probability: number): number {
  return Math.floor((amount * probability + 50) / 100);
}

/**
 * The forecast of opportunities already filtered to one currency: open
 * (amount in open stages), weighted (Σ weighted amounts, won at 100 %),
 * won and lost amounts; per stage in pipeline order (every stage, even
 * empty), per owner sorted by id with the unassigned last. Opportunities in a
 * stage the pipeline no longer has are skipped (stages cannot be removed).
 */
export function forecastOf(stages: readonly Stage[], opportunities: readonly ForecastOpportunity[]): ForecastTotals {
  const byStage = new Map<string, StageLine>(
    stages.map((s) => [s.stageId, { stageId: s.stageId, name: s.name, probability: effectiveProbability(s), count: 0, amount: 0, weighted: 0 }]),
  );
  const kindOf = new Map(stages.map((s) => [s.stageId, s.kind]));
  const owners = new Map<string | null, OwnerLine>();
  const totals = { open: 0, weighted: 0, won: 0, lost: 0 };
  for (const o of opportunities) {
    const line = byStage.get(o.stageId);
    const kind = kindOf.get(o.stageId);
    if (!line || !kind) continue;
    const amount = o.amount.amount;
    const weighted = weightedAmount(amount, line.probability);
    line.count += 1;
    line.amount += amount;
    line.weighted += weighted;
    const ownerKey = o.assignedTo ?? null;
    const owner = owners.get(ownerKey) ?? { assignedTo: ownerKey, open: 0, weighted: 0, won: 0, lost: 0 };
    owners.set(ownerKey, owner);
    for (const sum of [totals, owner]) {
      sum[kind] += amount;
      sum.weighted += weighted;
    }
  }
  const byOwner = [...owners.values()].sort((a, b) =>
    a.assignedTo === b.assignedTo ? 0 : a.assignedTo === null ? 1 : b.assignedTo === null ? -1 : a.assignedTo < b.assignedTo ? -1 : 1,
  );
  return { ...totals, byStage: [...byStage.values()], byOwner };
}
