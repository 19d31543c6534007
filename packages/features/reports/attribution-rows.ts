import { db } from '#packages/core/db/service.ts';
import type { EventFacts, OrderFact } from './event-facts.ts';

export type AttributionDimension = 'channel' | 'promoter' | 'campaign' | 'utmSource' | 'leadSource';

export interface AttributionRow {
  /** The channel (`promoter`, `campaign`, `utm`, `direct`), the promoter id, the campaign id, the UTM source, or the buyer's lead source; `none` without. */
  key: string;
  currency: string;
  orders: number;
  tickets: number;
  /** Net of refunds. */
  revenue: number;
  /** What the sales cost: promoters' commission lines on these events; null where nothing is recorded. */
  cost: number | null;
  /** (revenue − cost) / cost; null without a cost. */
  roi: number | null;
}

/** Commission booked per promoter on these events: one Query of each promoter's ledger (gsi1 `byPromoter`). */
async function commissionByPromoter(promoterIds: readonly string[], eventIds: ReadonlySet<string>): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  await Promise.all(
    promoterIds.map(async (promoterId) => {
      const { data } = await db().entities.commissionLine.query.byPromoter({ promoterId }).go({ pages: 'all', attributes: ['eventId', 'amount', 'currency'] });
      const perCurrency = new Map<string, number>();
      for (const line of data) if (eventIds.has(line.eventId)) perCurrency.set(line.currency, (perCurrency.get(line.currency) ?? 0) + line.amount);
      out.set(promoterId, perCurrency);
    }),
  );
  return out;
}

/** Buyer email → the contact's lead source: BatchGets of the email guards (C3), then of the contacts (C1). */
async function leadSources(emails: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < emails.length; i += 100) {
    const chunk = emails.slice(i, i + 100).map((email) => ({ email }));
    const guards = await db().entities.contactEmail.get(chunk).go({ attributes: ['email', 'contactId'] });
    const ids = guards.data.map((g) => ({ contactId: g.contactId }));
    if (!ids.length) continue;
    const contacts = await db().entities.contact.get(ids).go({ attributes: ['contactId', 'leadSource'] });
    const sourceOf = new Map(contacts.data.map((c) => [c.contactId, c.leadSource]));
    for (const g of guards.data) {
      const source = sourceOf.get(g.contactId);
      if (source) out.set(g.email, source);
    }
  }
  return out;
}

/** Revenue of the events' paid orders by channel, promoter, campaign, UTM source or lead source, with the promoters' commission as cost. */
export async function attributionRows(facts: readonly EventFacts[], by: AttributionDimension): Promise<AttributionRow[]> {
  const orders = facts.flatMap((f) => f.orders);
  const eventIds = new Set(facts.map((f) => f.eventId));
  const promoterIds = [...new Set(orders.flatMap((o) => (o.promoterId ? [o.promoterId] : [])))];
  const commission = by === 'promoter' || by === 'channel' ? await commissionByPromoter(promoterIds, eventIds) : new Map<string, Map<string, number>>();
  const sources = by === 'leadSource' ? await leadSources([...new Set(orders.map((o) => o.buyerEmail))]) : new Map<string, string>();
  const keyOf = (o: OrderFact): string => {
    if (by === 'channel') return o.channel;
    if (by === 'promoter') return o.promoterId ?? 'none';
    if (by === 'campaign') return o.campaignId ?? 'none';
    if (by === 'utmSource') return o.utmSource ?? 'none';
    return sources.get(o.buyerEmail) ?? 'none';
  };

  const rows = new Map<string, AttributionRow>();
  for (const order of orders) {
    const key = keyOf(order);
    const id = `${key}|${order.currency}`;
    let row = rows.get(id);
    if (!row) rows.set(id, (row = { key, currency: order.currency, orders: 0, tickets: 0, revenue: 0, cost: null, roi: null }));
    row.orders += 1;
    row.tickets += order.admissions;
    row.revenue += order.total - order.refunded;
  }
  for (const row of rows.values()) {
    const cost =
      by === 'promoter' ? commission.get(row.key)?.get(row.currency)
      : by === 'channel' && row.key === 'promoter' ? [...commission.values()].reduce((n, m) => n + (m.get(row.currency) ?? 0), 0)
      : undefined;
    if (cost !== undefined) {
      row.cost = cost;
      row.roi = cost > 0 ? Math.round(((row.revenue - cost) / cost) * 10_000) / 10_000 : null;
    }
  }
  return [...rows.values()].sort((a, b) => b.revenue - a.revenue || a.key.localeCompare(b.key));
}
