import * as z from 'zod/mini';
import { IsoDateTime, Money, Ulid } from '#packages/core/common-schemas.ts';

const Count = z.int().check(z.minimum(0));
const Rate = z.nullable(z.number());

export const CampaignStats = z
  .object({
    campaignId: Ulid,
    status: z.string(),
    sentAt: z.nullable(IsoDateTime),
    audience: Count,
    sent: Count,
    failed: Count,
    delivered: Count,
    uniqueOpens: Count,
    uniqueClicks: Count,
    bounced: Count,
    complained: Count,
    unsubscribed: Count,
    skipped: z.object({ unsubscribed: Count, suppressed: Count, noConsent: Count, invalidEmail: Count, total: Count }),
    rates: z
      .object({ delivery: Rate, open: Rate, click: Rate, bounce: Rate, complaint: Rate, unsubscribe: Rate })
      .register(z.globalRegistry, {
        id: 'CampaignRates',
        description:
          'Ratios with 4 decimals (null when the denominator is 0): delivery = delivered/sent, open = uniqueOpens/delivered, click = uniqueClicks/delivered, bounce = bounced/sent, complaint = complained/delivered, unsubscribe = unsubscribed/delivered',
      }),
    attribution: z.object({
      windowDays: z.number(),
      orders: Count,
      revenue: z.array(Money),
    }),
    budget: z.nullable(Money),
    roi: z.nullable(z.number()),
    computedAt: IsoDateTime,
  })
  .register(z.globalRegistry, {
    id: 'CampaignStats',
    description:
      'Live figures of a campaign. Revenue: paid orders (net of refunds) whose buyer came through a campaign link (recipient token) within `windowDays` of the send. ROI = (revenue − budget) / budget in the budget currency, 4 decimals; null without a budget.',
  });
