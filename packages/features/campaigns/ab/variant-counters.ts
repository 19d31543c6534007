import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { CAMPAIGN_VARIANT_COUNTER_SHARDS } from '#packages/core/db/entities/campaign-variant-counter.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { REST } from './assignment.ts';

export const VARIANT_METRICS = ['sent', 'delivered', 'opened', 'machineOpened', 'clicked'] as const;
export type VariantMetric = (typeof VARIANT_METRICS)[number];
export type VariantCounts = Partial<Record<VariantMetric, number>>;
export type VariantTotals = Record<VariantMetric, number>;

/** A recipient's arm: its variant when in the test share, `rest` otherwise; undefined outside A/B tests. */
export function armOf(r: { variant?: string | undefined; abGroup?: 'test' | 'rest' | undefined }): string | undefined {
  if (!r.abGroup) return undefined;
  return r.abGroup === 'rest' ? REST : r.variant;
}

/** ADD `counts` to a random slice of the arm's counters, as an item of the caller's transaction. */
export function variantCounterAdd(entities: TransactionEntities, campaignId: string, arm: string, counts: VariantCounts): TransactionItem {
  const shard = Math.floor(Math.random() * CAMPAIGN_VARIANT_COUNTER_SHARDS);
  const add: VariantCounts = {};
  for (const metric of VARIANT_METRICS) if (counts[metric]) add[metric] = counts[metric];
  if (!Object.keys(add).length) add.sent = 0;
  return entities.campaignVariantCounter.update({ campaignId, arm, shard }).add(add).commit();
}

const zero = (): VariantTotals => ({ sent: 0, delivered: 0, opened: 0, machineOpened: 0, clicked: 0 });

/** Every slice of every arm (one BatchGetItem of arms × 5 keys), summed per arm. */
export async function readVariantCounters(campaignId: string, arms: readonly string[], consistent = false): Promise<Map<string, VariantTotals>> {
  const keys = arms.flatMap((arm) => Array.from({ length: CAMPAIGN_VARIANT_COUNTER_SHARDS }, (_, shard) => ({ campaignId, arm, shard })));
  const slices = await batchGetAll(keys, (batch) => db().entities.campaignVariantCounter.get(batch).go({ consistent }));
  const totals = new Map(arms.map((arm) => [arm, zero()]));
  for (const slice of slices) {
    const t = totals.get(slice.arm);
    if (t) for (const m of VARIANT_METRICS) t[m] += Number(slice[m] ?? 0);
  }
  return totals;
}
