import { CAMPAIGN_COUNTER_SHARDS } from '#packages/core/db/entities/campaign-counter.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

export type CampaignMetric =
  | 'audience'
  | 'sent'
  | 'skipped_unsubscribed'
  | 'skipped_suppressed'
  | 'skipped_no_consent'
  | 'skipped_invalid_email'
  | 'delivered'
  | 'opened'
  | 'clicked'
  | 'bounced'
  | 'complained'
  | 'unsubscribed'
  | 'failed';

export const CAMPAIGN_METRICS: readonly CampaignMetric[] = [
  'audience',
  'sent',
  'skipped_unsubscribed',
  'skipped_suppressed',
  'skipped_no_consent',
  'skipped_invalid_email',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'complained',
  'unsubscribed',
  'failed',
];

export type CampaignCounts = Partial<Record<CampaignMetric, number>>;
export type CampaignTotals = Record<CampaignMetric, number>;

/**
 * ADD `counts` to one slice of the campaign's counters picked at random, as
 * an item for the caller's transaction (with its marker or its state change,
 * so the count moves exactly when the fact is recorded). A TransactionConflict
 * with another writer on the same slice cancels the transaction: the caller
 * retries (a consumer by throwing; the bus redelivers) and picks a new slice.
 * Zero counts are dropped; with nothing left the ADD is of `audience` 0,
 * which keeps the item list shape fixed and changes nothing.
 */
export function counterAdd(entities: TransactionEntities, campaignId: string, counts: CampaignCounts): TransactionItem {
  const shard = Math.floor(Math.random() * CAMPAIGN_COUNTER_SHARDS);
  const add: CampaignCounts = {};
  for (const metric of CAMPAIGN_METRICS) {
    const n = counts[metric];
    if (n) add[metric] = n;
  }
  if (!Object.keys(add).length) add.audience = 0;
  return entities.campaignCounter.update({ campaignId, shard }).add(add).commit();
}

/** Every slice of the campaign's counters (one BatchGetItem of 10 keys, eventually consistent), summed. */
export async function readCampaignCounters(campaignId: string): Promise<CampaignTotals> {
  const keys = Array.from({ length: CAMPAIGN_COUNTER_SHARDS }, (_, shard) => ({ campaignId, shard }));
  const totals = Object.fromEntries(CAMPAIGN_METRICS.map((m) => [m, 0])) as CampaignTotals;
  let pending = keys;
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt > 8) throw new Error(`counters of campaign ${campaignId}: unprocessed keys remain`);
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
    const { data, unprocessed } = await db().entities.campaignCounter.get(pending).go();
    for (const slice of data) {
      for (const metric of CAMPAIGN_METRICS) totals[metric] += Number(slice[metric] ?? 0);
    }
    pending = unprocessed as typeof keys;
  }
  return totals;
}
