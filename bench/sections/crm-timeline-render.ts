import { table, passFail, type Cell } from '../lib/markdown.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { CrmTimelineData, ReadCapacity } from '../timeline/types.ts';

const latency = (name: string, p: Percentiles | null | undefined): Cell[] => [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
const commands = (c: ReadCapacity) =>
  [
    ...Object.entries(c.byCommand).map(([k, v]) => `${k} ×${v.calls} (${v.units} RCU)`),
    ...(c.auth?.calls ? [`+ authorizer look-up ×${c.auth.calls} (${c.auth.rcu} RCU)`] : []),
  ].join(', ');

export function renderCrmTimeline(d: CrmTimelineData): string {
  const lines = [
    `A contact with ${d.lines || '—'} timeline lines (${Object.entries(d.mix).map(([k, n]) => `${n} \`${k}\``).join(', ')}); ` +
      `items ${d.itemBytes ? `${d.itemBytes.mean} B on average, ${d.itemBytes.max} B at most` : '—'} as DynamoDB sizes them. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(
      ['Latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
      [
        latency('first page (25 lines)', d.firstPage?.latencyMs),
        latency('one page of 100', d.page100?.latencyMs),
        latency(`all ${d.lines} lines, 25 a page (${d.walk25?.pagesPerWalk ?? '—'} pages)`, d.walk25?.latencyMs),
        latency(`all ${d.lines} lines, 100 a page (${d.walk100?.pagesPerWalk ?? '—'} pages)`, d.walk100?.latencyMs),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    table(
      ['Capacity', 'lines', 'RCU', 'DynamoDB calls', 'By command'],
      [
        ...(d.firstPage ? [['per first-page read (25)', d.firstPage.itemsPerRead, d.firstPage.capacity.rcu, d.firstPage.capacity.calls, commands(d.firstPage.capacity)]] : []),
        ...(d.page100 ? [['per read of a page of 100', d.page100.itemsPerRead, d.page100.capacity.rcu, d.page100.capacity.calls, commands(d.page100.capacity)]] : []),
        ...(d.walk25 ? [['per 200 lines, 25 a page', d.walk25.itemsPerWalk, d.walk25.capacity.rcu, d.walk25.capacity.calls, commands(d.walk25.capacity)]] : []),
        ...(d.walk100 ? [['per 200 lines, 100 a page', d.walk100.itemsPerWalk, d.walk100.capacity.rcu, d.walk100.capacity.calls, commands(d.walk100.capacity)]] : []),
      ],
      ['l', 'r', 'r', 'r', 'l'],
    ),
    '',
    `A walk's last page can be empty: DynamoDB returns a cursor whenever a page fills up, so 200 lines at 25 a page take ${d.walk25?.pagesPerWalk ?? '—'} Queries. ` +
      "Lines other people's private notes filter out are read (and billed) all the same.",
    '',
    table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])),
  ];
  return lines.join('\n');
}
