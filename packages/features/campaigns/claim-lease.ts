import type { EntityItem } from 'electrodb';
import type { campaignRecipientEntity } from '#packages/core/db/entities/campaign-recipient.ts';

type RecipientItem = EntityItem<typeof campaignRecipientEntity>;

/** How long a claim stands before its holder counts as dead (CAMPAIGN_CLAIM_LEASE_SECONDS, 10 min: far above a chunk's 60 s). */
export function claimLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.CAMPAIGN_CLAIM_LEASE_SECONDS || 600) * 1000;
}

/** A claim older than its lease was left by a run that died between claiming and recording SES's answer. */
export function leaseExpired(r: Pick<RecipientItem, 'claimedAt'>, now = Date.now()): boolean {
  return !r.claimedAt || Date.parse(r.claimedAt) + claimLeaseMs() <= now;
}
