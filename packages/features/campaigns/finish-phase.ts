import { CAMPAIGN_COUNTER_SHARDS } from '#packages/core/db/entities/campaign-counter.ts';
import { db } from '#packages/core/db/service.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import { CAMPAIGN_METRICS } from './campaign-counters.ts';
import { loadCampaign, type CampaignItem } from './campaign-store.ts';
import type { Position } from './progress.ts';
import { commitChanges, markUnknown } from './recipient-writes.ts';
import { claimLeaseMs, leaseExpired } from './claim-lease.ts';
import { isDue, sendAtOf } from './ab/variant-content.ts';

const RECHECK_MS = 60_000;

export type FinishOutcome =
  | { kind: 'again'; next: Position }
  /** Claims are still leased by runs that may be alive: look again at `until`. */
  | { kind: 'wait'; until: string }
  | { kind: 'done'; totals: Record<string, number> };

/**
 * The counters, read strongly consistent: the last recipient transactions
 * committed a moment ago and `campaign.sent` must carry their counts.
 */
async function finalTotals(campaignId: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = Object.fromEntries(CAMPAIGN_METRICS.map((m) => [m, 0]));
  const keys = Array.from({ length: CAMPAIGN_COUNTER_SHARDS }, (_, shard) => ({ campaignId, shard }));
  const slices = await batchGetAll(keys, (batch) => db().entities.campaignCounter.get(batch).go({ consistent: true }));
  for (const slice of slices) for (const m of CAMPAIGN_METRICS) totals[m]! += Number(slice[m] ?? 0);
  const campaign = await loadCampaign(campaignId, true);
  totals.unknown = campaign.unknownCount ?? 0;
  return totals;
}

/**
 * The last phase: every recipient must be final before the campaign is sent.
 * One consistent Query of the campaign's partition for what is still open:
 * pending ones (given back after throttling, or met late) send the phase
 * round again; claims whose lease ran out are settled as `unknown` (SES may
 * have sent them: never twice); claims still leased make it wait.
 */
export async function finishSend(campaign: CampaignItem): Promise<FinishOutcome> {
  const { campaignId } = campaign;
  const { data: open } = await db()
    .entities.campaignRecipient.query.byCampaign({ campaignId })
    .where((a, op) => `(${op.eq(a.status, 'pending')} OR ${op.eq(a.status, 'sending')})`)
    .go({ pages: 'all', consistent: true, attributes: ['contactId', 'status', 'claimToken', 'claimedAt', 'variant', 'abGroup'] });
  const now = Date.now();
  const pending = open.filter((r) => r.status === 'pending');
  if (pending.some((r) => isDue(campaign, r, now))) return { kind: 'again', next: { phase: 'send', cursor: null } };
  if (pending.length) {
    // Only A/B test variants whose `sendAt` is still to come: look again then.
    const next = Math.min(...pending.map((r) => Date.parse(sendAtOf(campaign, r)!)));
    return { kind: 'wait', until: new Date(Math.min(next, now + 15 * RECHECK_MS)).toISOString() };
  }
  const stale = open.filter((r) => leaseExpired(r, now));
  for (let i = 0; i < stale.length; i += 90) {
    await commitChanges(
      campaignId,
      stale
        .slice(i, i + 90)
        .map((r) => markUnknown(campaignId, r.contactId, { token: r.claimToken ?? '', claimedAt: r.claimedAt ?? '' }, 'claim lease expired without an SES answer recorded')),
    );
  }
  const leased = open.filter((r) => !leaseExpired(r, now));
  if (leased.length) {
    // A live run settles its claims within seconds (a dead one's lease decides): look again in a minute at most.
    const expiry = Math.max(...leased.map((r) => Date.parse(r.claimedAt!))) + claimLeaseMs() + 1000;
    return { kind: 'wait', until: new Date(Math.min(expiry, now + RECHECK_MS)).toISOString() };
  }
  return { kind: 'done', totals: await finalTotals(campaignId) };
}
