import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { attributionWindowDays } from './attribution.ts';
import { readCampaignCounters, type CampaignTotals } from './campaign-counters.ts';

export interface Money {
  amount: number;
  currency: string;
}

export interface CampaignStats {
  campaignId: string;
  status: string;
  sentAt: string | null;
  audience: number;
  sent: number;
  failed: number;
  delivered: number;
  uniqueOpens: number;
  uniqueClicks: number;
  bounced: number;
  complained: number;
  unsubscribed: number;
  skipped: { unsubscribed: number; suppressed: number; noConsent: number; invalidEmail: number; total: number };
  /** Ratios with 4 decimals; null when the denominator is 0. */
  rates: { delivery: number | null; open: number | null; click: number | null; bounce: number | null; complaint: number | null; unsubscribe: number | null };
  attribution: {
    windowDays: number;
    orders: number;
    /** Net of refunds, one entry per currency. */
    revenue: Money[];
  };
  budget: Money | null;
  /** (revenue − budget) / budget in the budget's currency, 4 decimals; null without a (non-zero) budget. */
  roi: number | null;
  computedAt: string;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
const ratio = (part: number, whole: number) => (whole > 0 ? round4(part / whole) : null);

interface Attributed {
  amount?: number;
  currency?: string;
  refundedAmount?: number;
}

/** Attributed orders and their net revenue per currency (items holding only an early refund have no amount yet and do not count). */
export function revenueOf(items: readonly Attributed[]): { orders: number; revenue: Money[] } {
  const byCurrency = new Map<string, number>();
  let orders = 0;
  for (const item of items) {
    if (item.amount === undefined || !item.currency) continue;
    orders += 1;
    const net = Math.max(0, item.amount - (item.refundedAmount ?? 0));
    byCurrency.set(item.currency, (byCurrency.get(item.currency) ?? 0) + net);
  }
  const revenue = [...byCurrency].map(([currency, amount]) => ({ amount, currency })).sort((a, b) => a.currency.localeCompare(b.currency));
  return { orders, revenue };
}

/** ROI against the budget: revenue in another currency is not converted (and does not count). */
export function roiOf(revenue: readonly Money[], budget: Money | null | undefined): number | null {
  if (!budget || budget.amount <= 0) return null;
  const earned = revenue.find((m) => m.currency === budget.currency)?.amount ?? 0;
  return round4((earned - budget.amount) / budget.amount);
}

export function statsView(
  campaign: { campaignId: string; status: string; sentAt?: string; budget?: Money },
  t: CampaignTotals,
  attributed: readonly Attributed[],
  windowDays: number,
  computedAt: string,
): CampaignStats {
  const { orders, revenue } = revenueOf(attributed);
  const budget = campaign.budget ? { amount: campaign.budget.amount, currency: campaign.budget.currency } : null;
  const skipped = {
    unsubscribed: t.skipped_unsubscribed,
    suppressed: t.skipped_suppressed,
    noConsent: t.skipped_no_consent,
    invalidEmail: t.skipped_invalid_email,
    total: t.skipped_unsubscribed + t.skipped_suppressed + t.skipped_no_consent + t.skipped_invalid_email,
  };
  return {
    campaignId: campaign.campaignId,
    status: campaign.status,
    sentAt: campaign.sentAt ?? null,
    audience: t.audience,
    sent: t.sent,
    failed: t.failed,
    delivered: t.delivered,
    uniqueOpens: t.opened,
    uniqueClicks: t.clicked,
    bounced: t.bounced,
    complained: t.complained,
    unsubscribed: t.unsubscribed,
    skipped,
    rates: {
      delivery: ratio(t.delivered, t.sent),
      open: ratio(t.opened, t.delivered),
      click: ratio(t.clicked, t.delivered),
      bounce: ratio(t.bounced, t.sent),
      complaint: ratio(t.complained, t.delivered),
      unsubscribe: ratio(t.unsubscribed, t.delivered),
    },
    attribution: { windowDays, orders, revenue },
    budget,
    roi: roiOf(revenue, budget),
    computedAt,
  };
}

/**
 * A campaign's figures: the summed counter slices (one BatchGetItem), its
 * attributed orders (one Query, every page) and its budget (one GetItem).
 */
export async function getCampaignStats(campaignId: string): Promise<CampaignStats> {
  const [{ data: campaign }, totals, { data: attributed }] = await Promise.all([
    db().entities.campaign.get({ campaignId }).go({ attributes: ['campaignId', 'status', 'sentAt', 'budget'] }),
    readCampaignCounters(campaignId),
    db().entities.campaignAttribution.query.byCampaign({ campaignId }).go({ pages: 'all', attributes: ['amount', 'currency', 'refundedAmount'] }),
  ]);
  if (!campaign) throw notFound('Campaign', campaignId);
  return statsView(campaign, totals, attributed, attributionWindowDays(), nowIso());
}
