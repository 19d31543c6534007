import { passFail, table, type Cell } from '../lib/markdown.ts';
import type { AnalyticsData } from '../analytics/types.ts';
import { renderLtv } from './analytics-ltv.ts';

export function renderAnalytics(d: AnalyticsData): string {
  const s = d.seeded;
  const lines = [
    `Seeded: ${s ? `${s.orders.toLocaleString('en')} orders → ${s.items.toLocaleString('en')} bucket items (day ${s.byInterval.day}, hour ${s.byInterval.hour}, minute ${s.byInterval.minute}) written in ${s.seconds} s; items ${s.itemBytes ? `${s.itemBytes.mean} B on average, ${s.itemBytes.max} B at most` : '—'} as DynamoDB sizes them` : '—'}. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(
      ['Query (metric=orders)', 'items read', 'series', 'p50 ms', 'p99 ms', 'RCU per query', 'Queries'],
      d.queries.map((q): Cell[] => [q.name, q.itemsRead, q.series, q.latencyMs?.p50, q.latencyMs?.p99, q.rcu, q.queryCalls]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    d.slice
      ? `Through the consumers: ${d.slice.orders} paid orders → ${d.slice.points} points in ${d.slice.seconds} s (${d.slice.pointsPerSecond} points/s, with every other order.paid consumer running); ` +
        `${d.slice.transactionsPerOrder} analytics transactions (lost races included) of ${d.slice.itemsPerOrder} items per order: ${Math.round(2 * d.slice.itemsPerOrder)} WCU as DynamoDB bills transactional writes of items < 1 KB (DynamoDB Local reports ${d.slice.wcuPerOrder}); totals by minute, hour and day ${d.slice.totalMatches ? 'equal' : 'DIFFER from'} the orders, and ${d.slice.duplicatesCountedOnce ? 'stay so' : 'CHANGE'} after 10 % are published again.`
      : 'Through the consumers: —',
    '',
    table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])),
    '',
    `Lifetime value: ${d.ltv ? `\n\n${renderLtv(d.ltv)}` : 'left out (BENCH_LTV_CONTACTS=0).'}`,
  ];
  return lines.join('\n');
}
