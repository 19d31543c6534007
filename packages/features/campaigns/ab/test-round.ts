import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { inMs, watchdogMs, type CampaignItem } from '../campaign-store.ts';
import { atStep } from '../progress.ts';
import type { AbDecisionView } from './contract.ts';
import { durationMs } from './duration.ts';
import { evaluate } from './evaluate.ts';
import { readTestFigures } from './figures.ts';
import { abTestOf } from './variant-content.ts';

type Ctx = Pick<RequestContext, 'correlationId'>;

/** How often a test past its length is looked at again while it waits for its sample. */
const RECHECK_MS = 60_000;

/** An A/B campaign whose test share is out and whose rest still waits for the decision. */
export const awaitsDecision = (campaign: CampaignItem): boolean => abTestOf(campaign) !== null && !campaign.abDecision;

/**
 * The test share is sent (every test recipient final): the send pauses in phase `wait` until the test length
 * is over, when the `campaign-due` job finds it in its `due` index and decides (`decideDue`). No chunk event:
 * nothing runs until then. Conditional on the step, as every progress write.
 */
export async function enterTestWait(campaign: CampaignItem, step: number): Promise<boolean> {
  const test = abTestOf(campaign)!;
  const at = nowIso();
  const endsAt = new Date(Date.parse(at) + durationMs(test.testDuration)!).toISOString();
  const result = await db()
    .transaction.write(({ campaign: c }) => [
      c
        .patch({ campaignId: campaign.campaignId })
        .set({ status: 'sending', progressPhase: 'wait', progressStep: step + 1, abTestSentAt: at, abTestEndsAt: endsAt, dueAt: endsAt, updatedAt: at })
        .remove(['progressCursor'])
        .where(atStep(step))
        .commit(),
    ])
    .go();
  return !result.canceled;
}

export type DueDecision = 'decided' | 'waiting' | 'stale';

/**
 * The `campaign-due` job's turn on a waiting A/B campaign: evaluate the test (ab/evaluate.ts). When it is
 * over, record the decision and restart the send at the rest round's resolve phase with its chunk event, in
 * one transaction conditional on the step (a second due run at the same moment changes nothing); the send
 * machinery then mails the rest the decided variant, once per recipient as any send. Otherwise look again later.
 */
export async function decideDue(campaign: CampaignItem, ctx: Ctx): Promise<DueDecision> {
  const test = abTestOf(campaign);
  const step = campaign.progressStep ?? 0;
  if (!test || campaign.progressPhase !== 'wait') return 'stale';
  const figures = await readTestFigures(campaign, test, true);
  const now = Date.now();
  const evaluation = evaluate(test, figures.arms, { now, testEndsAt: campaign.abTestEndsAt ?? null });
  if (!evaluation.outcome) {
    const ends = Date.parse(campaign.abTestEndsAt ?? nowIso());
    const next = new Date(Math.max(ends, now + RECHECK_MS)).toISOString();
    const result = await db()
      .transaction.write(({ campaign: c }) => [c.patch({ campaignId: campaign.campaignId }).set({ status: 'sending', dueAt: next }).where(atStep(step)).commit()])
      .go();
    return result.canceled ? 'stale' : 'waiting';
  }
  const at = nowIso();
  const decision: AbDecisionView = { state: evaluation.outcome.state, variant: evaluation.outcome.variant, pValue: evaluation.pValue, reason: evaluation.reason, decidedAt: at };
  const result = await transactWithEvents(
    ({ campaign: c }) => [
      c
        .patch({ campaignId: campaign.campaignId })
        .set({ status: 'sending', abDecision: decision, progressPhase: 'resolve', progressStep: step + 1, dueAt: inMs(watchdogMs()), updatedAt: at })
        .remove(['progressCursor'])
        .where(atStep(step))
        .commit(),
    ],
    [domainEvent('campaign.send_chunk', { campaignId: campaign.campaignId, phase: 'resolve', cursor: null, step: step + 1 }, ctx)],
  );
  return result.canceled ? 'stale' : 'decided';
}
