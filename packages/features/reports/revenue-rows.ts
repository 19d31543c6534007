import type { OrderFact } from './event-facts.ts';
import { bucketOf, bucketsBetween, type Interval } from './periods.ts';

export interface RevenueRow {
  periodStart: string;
  currency: string;
  orders: number;
  tickets: number;
  /** Orders paid in the period, at their total. */
  gross: number;
  /** Refunds booked in the period (an order's refunds at its last refund's time). */
  refunds: number;
  net: number;
}

/**
 * Revenue per period and currency: a sale counts when paid, its refunds when
 * refunded, so a period's net is what it actually took. Every period of the
 * window is listed (zero when quiet) for each currency seen.
 */
export function revenueRows(orders: readonly OrderFact[], from: string, to: string, interval: Interval): RevenueRow[] {
  const periods = bucketsBetween(from, to, interval);
  const currencies = [...new Set(orders.map((o) => o.currency))].sort();
  const rows = new Map<string, RevenueRow>();
  for (const currency of currencies) {
    for (const periodStart of periods) rows.set(`${periodStart}|${currency}`, { periodStart, currency, orders: 0, tickets: 0, gross: 0, refunds: 0, net: 0 });
  }
  const inWindow = (at: string) => at >= from && at < to;
  for (const order of orders) {
    if (inWindow(order.paidAt)) {
      const row = rows.get(`${bucketOf(order.paidAt, interval)}|${order.currency}`);
      if (row) {
        row.orders += 1;
        row.tickets += order.admissions;
        row.gross += order.total;
      }
    }
    const refundedAt = order.refundedAt ?? order.paidAt;
    if (order.refunded > 0 && inWindow(refundedAt)) {
      const row = rows.get(`${bucketOf(refundedAt, interval)}|${order.currency}`);
      if (row) row.refunds += order.refunded;
    }
  }
  for (const row of rows.values()) row.net = row.gross - row.refunds;
  return [...rows.values()].sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.currency.localeCompare(b.currency));
}
