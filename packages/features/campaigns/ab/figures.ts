import { db } from '#packages/core/db/service.ts';
import type { CampaignItem } from '../campaign-store.ts';
import { REST } from './assignment.ts';
import type { AbTestInput, AbVariantFiguresView, WinnerMetricName } from './contract.ts';
import type { Moments, Proportion } from './statistics.ts';
import { readVariantCounters, type VariantTotals } from './variant-counters.ts';

/** One arm's figures, with what the statistics need: successes of each proportion and revenue moments. */
export interface ArmFigures {
  id: string;
  totals: VariantTotals;
  purchases: number;
  buyers: number;
  /** Net revenue per recipient in `currency` (minor units): Σ and Σ² over buyers; the others are zeros. */
  revenue: number;
  revenueSquares: number;
}

export interface TestFigures {
  arms: ArmFigures[];
  rest: ArmFigures;
  currency: string | null;
}

interface Attributed {
  contactId?: string;
  arm?: string;
  amount?: number;
  currency?: string;
  refundedAmount?: number;
}

/** Revenue counts in one currency: the budget's, else the one most attributed orders were paid in. */
function currencyOf(campaign: CampaignItem, items: readonly Attributed[]): string | null {
  if (campaign.budget?.currency) return campaign.budget.currency;
  const seen = new Map<string, number>();
  for (const i of items) if (i.currency) seen.set(i.currency, (seen.get(i.currency) ?? 0) + 1);
  return [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

/**
 * The test's figures: every arm's counter slices (one BatchGetItem) and the campaign's attributed orders
 * (one Query, every page, as the stats read them), grouped by the arm the attribution recorded.
 */
export async function readTestFigures(campaign: CampaignItem, test: AbTestInput, consistent = false): Promise<TestFigures> {
  const ids = [...test.variants.map((v) => v.id), REST];
  const [counters, { data: attributed }] = await Promise.all([
    readVariantCounters(campaign.campaignId, ids, consistent),
    db()
      .entities.campaignAttribution.query.byCampaign({ campaignId: campaign.campaignId })
      .go({ pages: 'all', attributes: ['contactId', 'arm', 'amount', 'currency', 'refundedAmount'] }),
  ]);
  const currency = currencyOf(campaign, attributed);
  const perArm = new Map<string, { purchases: number; byContact: Map<string, number> }>(ids.map((id) => [id, { purchases: 0, byContact: new Map() }]));
  for (const item of attributed) {
    const arm = item.arm ? perArm.get(item.arm) : undefined;
    if (!arm || item.amount === undefined || !item.contactId) continue;
    arm.purchases += 1;
    const net = item.currency === currency ? Math.max(0, item.amount - (item.refundedAmount ?? 0)) : 0;
    arm.byContact.set(item.contactId, (arm.byContact.get(item.contactId) ?? 0) + net);
  }
  const figures = ids.map((id): ArmFigures => {
    const a = perArm.get(id)!;
    const values = [...a.byContact.values()];
    return {
      id,
      totals: counters.get(id)!,
      purchases: a.purchases,
      buyers: a.byContact.size,
      revenue: values.reduce((s, v) => s + v, 0),
      revenueSquares: values.reduce((s, v) => s + v * v, 0),
    };
  });
  return { arms: figures.slice(0, -1), rest: figures.at(-1)!, currency };
}

/**
 * The winner metric as a proportion of recipients (mails SES accepted): people who opened, clicked, or
 * bought at least once. Per recipient rather than per delivery: a delivery report may never come, a bounce is a non-click.
 */
export function proportionOf(arm: ArmFigures, metric: Exclude<WinnerMetricName, 'revenue_per_recipient'>): Proportion {
  const successes = metric === 'open_rate' ? arm.totals.opened : metric === 'click_rate' ? arm.totals.clicked : arm.buyers;
  return { successes: Math.min(successes, arm.totals.sent), n: arm.totals.sent };
}

export const momentsOf = (arm: ArmFigures): Moments => ({ n: arm.totals.sent, sum: arm.revenue, sumSquares: arm.revenueSquares });

const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

export function metricValue(arm: ArmFigures, metric: WinnerMetricName): number | null {
  if (metric === 'revenue_per_recipient') return arm.totals.sent ? Math.round((arm.revenue / arm.totals.sent) * 100) / 100 : null;
  const p = proportionOf(arm, metric);
  return ratio(p.successes, p.n);
}

export function figuresView(arm: ArmFigures, metric: WinnerMetricName, currency: string | null): AbVariantFiguresView {
  const t = arm.totals;
  return {
    id: arm.id,
    recipients: t.sent,
    delivered: t.delivered,
    opens: t.opened,
    machineOpens: t.machineOpened,
    clicks: t.clicked,
    purchases: arm.purchases,
    buyers: arm.buyers,
    revenue: currency ? { amount: arm.revenue, currency } : null,
    rates: {
      open: ratio(t.opened, t.sent),
      click: ratio(t.clicked, t.sent),
      purchasesPerRecipient: ratio(arm.purchases, t.sent),
      revenuePerRecipient: t.sent ? Math.round((arm.revenue / t.sent) * 100) / 100 : null,
    },
    metric: metricValue(arm, metric),
  };
}
