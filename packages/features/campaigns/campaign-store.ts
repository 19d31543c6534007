import type { EntityItem } from 'electrodb';
import type { CampaignAudienceInput, CampaignView } from './contract.ts';
import { db } from '#packages/core/db/service.ts';
import type { campaignEntity } from '#packages/core/db/entities/campaign.ts';
import { notFound } from '#packages/core/errors.ts';
import { withId } from '#packages/core/views.ts';

export type CampaignItem = EntityItem<typeof campaignEntity>;
export type CampaignAudience = CampaignItem['audience'];
export type CampaignStatus = CampaignItem['status'];
export type SendPhase = NonNullable<CampaignItem['progressPhase']>;

/** How long a `sending` campaign may go without progress before the due job pushes it again. */
export function watchdogMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.CAMPAIGN_WATCHDOG_SECONDS || 300) * 1000;
}

export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

export function audienceItem(input: CampaignAudienceInput): CampaignAudience {
  return 'segmentId' in input ? { kind: 'segment', segmentId: input.segmentId } : { kind: input.kind, eventId: input.eventId };
}

function audienceView(audience: CampaignAudience): CampaignAudienceInput {
  return audience.kind === 'segment' ? { segmentId: audience.segmentId! } : { eventId: audience.eventId!, kind: audience.kind };
}

export function toView(item: CampaignItem): CampaignView {
  const {
    audience,
    budget,
    dueAt: _due,
    progressPhase,
    progressCursor: _cursor,
    progressStep,
    unknownCount: _unknown,
    totals,
    abTestSentAt: _testSent,
    abDecision,
    ...rest
  } = item;
  return {
    ...withId(rest, 'campaignId'),
    audience: audienceView(audience),
    budget: budget ? { amount: budget.amount, currency: budget.currency } : null,
    ...(item.status === 'sending' && progressPhase ? { progress: { phase: progressPhase, step: progressStep ?? 0 } } : {}),
    ...(totals ? { totals: totals as Record<string, number> } : {}),
    ...(abDecision ? { abTestDecision: abDecision as CampaignView['abTestDecision'] } : {}),
  };
}

export async function loadCampaign(campaignId: string, consistent = false): Promise<CampaignItem> {
  const { data } = await db().entities.campaign.get({ campaignId }).go({ consistent });
  if (!data) throw notFound('Campaign', campaignId);
  return data;
}
