import * as z from 'zod/mini';
import { IsoDateTime, Money, Ulid } from '#packages/core/common-schemas.ts';
import { durationMs } from './duration.ts';

export const WinnerMetric = z.enum(['click_rate', 'purchases_per_recipient', 'revenue_per_recipient', 'open_rate']);
export const AbTestState = z.enum(['testing', 'waiting_for_sample', 'decided', 'fallback']);

/** A variant's own content; what it leaves out is the campaign's. `sendAt`: its test mails wait until then. */
export const AbVariant = z.object({
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ or -, at most 32')),
  subject: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
  html: z.optional(z.string().check(z.minLength(1), z.maxLength(200_000))),
  text: z.optional(z.string().check(z.minLength(1), z.maxLength(100_000))),
  sendAt: z.optional(IsoDateTime),
});

export const AbTest = z
  .object({
    variants: z.array(AbVariant).check(z.minLength(2), z.maxLength(5)),
    /** Percent of the audience in the test, split evenly across the variants; the rest waits for the winner. */
    testShare: z.number().check(z.minimum(10), z.maximum(100)),
    winnerMetric: WinnerMetric,
    /** The smallest relative lift worth detecting over the baseline: 0.2 = the rate 20 % higher. */
    minimumDetectableLift: z.number().check(z.positive(), z.maximum(10)),
    /** The expected rate of the metric without a change (a fraction); absent: the test's pooled observed rate. */
    baselineRate: z.optional(z.number().check(z.positive(), z.lt(1))),
    /** After the test mails went out: an ISO 8601 duration (`PT4H`, `P1D`) or a number of hours; at most 30 days. */
    testDuration: z.union([z.number(), z.string()]),
    /** The variant the rest gets when no winner is significant. */
    fallbackVariant: z.string(),
  })
  .check(
    z.refine((t) => new Set(t.variants.map((v) => v.id)).size === t.variants.length, { message: 'variant ids must differ', path: ['variants'] }),
    z.refine((t) => t.variants.some((v) => v.id === t.fallbackVariant), { message: 'must be the id of one of the variants', path: ['fallbackVariant'] }),
    z.refine(
      (t) => {
        const ms = durationMs(t.testDuration);
        return ms !== null && ms <= 30 * 86_400_000;
      },
      { message: 'must be an ISO 8601 duration (PT4H, P1D) or hours, positive, at most 30 days', path: ['testDuration'] },
    ),
  )
  .register(z.globalRegistry, {
    id: 'AbTest',
    examples: [
      {
        variants: [
          { id: 'early-bird', subject: '{{firstName}}, early-bird tickets are out' },
          { id: 'lineup', subject: 'The line-up is here, {{firstName}}', sendAt: '2027-06-01T17:00:00Z' },
        ],
        testShare: 20,
        winnerMetric: 'click_rate',
        minimumDetectableLift: 0.2,
        testDuration: 'PT4H',
        fallbackVariant: 'early-bird',
      },
    ],
    description:
      'An A/B test: each contact is in the test share or not, and in one variant, by a keyed hash of the contact and the campaign (stable). The test share is mailed first; after `testDuration` and the minimum sample a two-proportion z-test (α = 0.05, Holm-corrected with more than 2 variants) decides the winner, else the fallback; the rest of the audience then gets it.',
  });

const Count = z.int().check(z.minimum(0));
const Rate = z.nullable(z.number());

export const AbVariantFigures = z.object({
  /** A variant id, or `rest` (the audience outside the test, mailed the winner or the fallback). */
  id: z.string(),
  recipients: Count,
  delivered: Count,
  /** Unique opens by people: machine opens (privacy proxies, scanners) excluded… */
  opens: Count,
  /** …and counted apart. */
  machineOpens: Count,
  clicks: Count,
  /** Attributed paid orders, and the recipients who placed at least one. */
  purchases: Count,
  buyers: Count,
  revenue: z.nullable(Money),
  rates: z.object({ open: Rate, click: Rate, purchasesPerRecipient: Rate, revenuePerRecipient: Rate }),
  /** The winner metric's value (revenue: minor units per recipient). */
  metric: Rate,
});

export const AbTestResult = z
  .object({
    campaignId: Ulid,
    state: AbTestState,
    winnerMetric: WinnerMetric,
    testShare: z.number(),
    testSentAt: z.nullable(IsoDateTime),
    testEndsAt: z.nullable(IsoDateTime),
    baseline: Rate,
    minimumSamplePerVariant: z.nullable(z.int()),
    bestVariant: z.nullable(z.string()),
    /** The largest Holm-adjusted p-value of the best against each other variant (the plain one with two). */
    pValue: Rate,
    significant: z.boolean(),
    /** The variant the rest of the audience gets (or got): the winner, or the fallback. */
    decision: z.nullable(z.object({ variant: z.string(), decidedAt: IsoDateTime })),
    reason: z.string(),
    variants: z.array(AbVariantFigures),
    rest: AbVariantFigures,
    computedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'AbTestResult', description: 'Per-variant figures of an A/B-tested campaign, the test state, its p-value and the decision with why' });

/** What the campaign item keeps of the decision (GET /v1/campaigns/{id} shows it as `abTestDecision`). */
export const AbDecision = z.object({
  state: z.enum(['decided', 'fallback']),
  variant: z.string(),
  pValue: Rate,
  reason: z.string(),
  decidedAt: IsoDateTime,
});

export type AbTestInput = z.infer<typeof AbTest>;
export type AbVariantInput = z.infer<typeof AbVariant>;
export type AbTestResultView = z.infer<typeof AbTestResult>;
export type AbVariantFiguresView = z.infer<typeof AbVariantFigures>;
export type AbDecisionView = z.infer<typeof AbDecision>;
export type WinnerMetricName = z.infer<typeof WinnerMetric>;
export type AbTestStateName = z.infer<typeof AbTestState>;
