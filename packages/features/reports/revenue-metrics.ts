import { queryMetric, type MetricSeries } from '#packages/features/analytics/index.ts';
import { bucketOf, bucketsBetween, type Interval } from './periods.ts';
import type { RevenueRow } from './revenue-rows.ts';

/**
 * Revenue over time from the metric store (packages/features/analytics): the
 * day aggregates of revenue and refunds per currency, and of orders and
 * tickets grouped by event (an event sells in one currency, so its orders
 * count under that currency), rolled up into days, ISO weeks or months. Reads
 * a bounded number of aggregate items (days × series), whatever the volume.
 * `revenue` is net: a sale adds when paid, a refund subtracts when refunded.
 */
export async function revenueFromMetrics(
  from: string,
  to: string,
  interval: Interval,
  currencyOfEvent: ReadonlyMap<string, string>,
): Promise<RevenueRow[]> {
  const currencies = [...new Set(currencyOfEvent.values())].sort();
  const window = { from, to, interval: 'day' as const };
  const [orders, tickets, ...money] = await Promise.all([
    queryMetric({ metric: 'orders', groupBy: 'event', ...window }),
    queryMetric({ metric: 'tickets_sold', groupBy: 'event', ...window }),
    ...currencies.flatMap((currency) => [
      queryMetric({ metric: 'revenue', currency, ...window }),
      queryMetric({ metric: 'refunds', currency, ...window }),
    ]),
  ]);
  const rows = new Map<string, RevenueRow>();
  const periods = bucketsBetween(from, to, interval);
  for (const currency of currencies) {
    for (const periodStart of periods) rows.set(`${periodStart}|${currency}`, { periodStart, currency, orders: 0, tickets: 0, gross: 0, refunds: 0, net: 0 });
  }
  const add = (series: readonly MetricSeries[], currency: (s: MetricSeries) => string | undefined, field: 'orders' | 'tickets' | 'net' | 'refunds') => {
    for (const s of series) {
      const cur = currency(s);
      if (!cur) continue;
      for (const p of s.points) {
        const row = rows.get(`${bucketOf(p.t, interval)}|${cur}`);
        if (row) row[field] += p.value;
      }
    }
  };
  const byEvent = (s: MetricSeries) => (s.key ? currencyOfEvent.get(s.key) : undefined);
  add(orders.series, byEvent, 'orders');
  add(tickets.series, byEvent, 'tickets');
  currencies.forEach((currency, i) => {
    add(money[2 * i]!.series, () => currency, 'net');
    add(money[2 * i + 1]!.series, () => currency, 'refunds');
  });
  for (const row of rows.values()) row.gross = row.net + row.refunds;
  return [...rows.values()].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.currency.localeCompare(b.currency));
}
