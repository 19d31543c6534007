import type { EventData } from '#events/catalog.ts';
import { logger } from '#packages/core/logger.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { finishSend } from './finish-phase.ts';
import { advance, markCampaignSent, waitUntil, type Position } from './progress.ts';
import { resolvePage } from './resolve-phase.ts';
import { sendPage } from './send-phase.ts';
import { awaitsDecision, enterTestWait } from './ab/test-round.ts';

export type Chunk = EventData<'campaign.send_chunk'>;
export type ChunkOutcome = 'advanced' | 'waiting' | 'sent' | 'stale';

/** How long one chunk may keep claiming recipients (a consumer Lambda runs 60 s at most). */
export function chunkBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.CAMPAIGN_CHUNK_BUDGET_MS || 40_000);
}

/** `campaign.send_requested` is the chunk at step 0 of the resolve phase. */
export const firstChunk = (campaignId: string): Chunk => ({ campaignId, phase: 'resolve', cursor: null, step: 0 });

/**
 * One chunk of a campaign send (the campaign-send consumer). It runs only
 * while the campaign is sending and still at the chunk's step (checked on a
 * consistent read), does its phase's work — all of it idempotent — and ends by
 * advancing the step with the next chunk event in the same transaction. A
 * crash anywhere leaves the step where it was, so the redelivered event (or
 * the due job's push) runs the same chunk again.
 */
export async function runChunk(chunk: Chunk, ctx: Pick<RequestContext, 'correlationId'>): Promise<ChunkOutcome> {
  const started = Date.now();
  const { data: campaign } = await db().entities.campaign.get({ campaignId: chunk.campaignId }).go({ consistent: true });
  if (!campaign || campaign.status !== 'sending' || (campaign.progressStep ?? 0) !== chunk.step) return 'stale';
  const step = chunk.step;
  const here: Position = { phase: campaign.progressPhase ?? 'resolve', cursor: campaign.progressCursor ?? null };
  let next: Position;
  switch (here.phase) {
    case 'resolve':
      next = await resolvePage(campaign, here.cursor);
      break;
    case 'send':
      next = await sendPage(campaign, here.cursor, started + chunkBudgetMs());
      break;
    case 'finish': {
      const outcome = await finishSend(campaign);
      if (outcome.kind === 'wait') {
        await waitUntil(campaign.campaignId, step, outcome.until);
        logger.info('campaign waits for leased claims', { campaignId: campaign.campaignId, until: outcome.until });
        return 'waiting';
      }
      if (outcome.kind === 'done' && awaitsDecision(campaign)) {
        // An A/B test's share is out: the rest waits for the due job's decision (ab/test-round.ts).
        return (await enterTestWait(campaign, step)) ? 'waiting' : 'stale';
      }
      if (outcome.kind === 'done') {
        const sent = await markCampaignSent(campaign.campaignId, step, outcome.totals, ctx);
        if (sent) logger.info('campaign sent', { campaignId: campaign.campaignId, ...outcome.totals });
        return sent ? 'sent' : 'stale';
      }
      next = outcome.next;
      break;
    }
    case 'wait':
      // Only the due job moves an A/B send on from its wait (ab/test-round.ts `decideDue`).
      return 'stale';
  }
  return (await advance(campaign.campaignId, step, next, ctx)) ? 'advanced' : 'stale';
}
