import { nowIso } from '#packages/core/clock.ts';
import { notFound } from '#packages/core/errors.ts';
import { loadCampaign } from '../campaign-store.ts';
import type { AbDecisionView, AbTestResultView } from './contract.ts';
import { evaluate } from './evaluate.ts';
import { figuresView, readTestFigures } from './figures.ts';
import { abTestOf } from './variant-content.ts';

/**
 * GET /v1/campaigns/{id}/ab-test: the figures of every arm, live (one GetItem, one BatchGetItem of the arms'
 * counter slices, one Query of the attributed orders), and where the test stands: the decision once the due
 * job made it, else the evaluation as of now (a test whose end has come is decided at the job's next run).
 */
export async function getAbTest(campaignId: string): Promise<AbTestResultView> {
  const campaign = await loadCampaign(campaignId);
  const test = abTestOf(campaign);
  if (!test) throw notFound('A/B test of campaign', campaignId);
  const figures = await readTestFigures(campaign, test);
  const now = nowIso();
  const evaluation = evaluate(test, figures.arms, { now: Date.parse(now), testEndsAt: campaign.abTestEndsAt ?? null });
  const decision = campaign.abDecision as AbDecisionView | undefined;
  const pending = !decision && evaluation.outcome !== null;
  return {
    campaignId,
    state: decision ? decision.state : pending ? 'testing' : evaluation.state,
    winnerMetric: test.winnerMetric,
    testShare: test.testShare,
    testSentAt: campaign.abTestSentAt ?? null,
    testEndsAt: campaign.abTestEndsAt ?? null,
    baseline: evaluation.baseline,
    minimumSamplePerVariant: evaluation.minimumSamplePerVariant,
    bestVariant: evaluation.bestVariant,
    pValue: decision ? decision.pValue : evaluation.pValue,
    significant: decision ? decision.state === 'decided' : evaluation.significant,
    decision: decision ? { variant: decision.variant, decidedAt: decision.decidedAt } : null,
    reason: decision ? decision.reason : pending ? `the campaign-due job decides at its next run: ${evaluation.reason}` : evaluation.reason,
    variants: figures.arms.map((arm) => figuresView(arm, test.winnerMetric, figures.currency)),
    rest: figuresView(figures.rest, test.winnerMetric, figures.currency),
    computedAt: now,
  };
}
