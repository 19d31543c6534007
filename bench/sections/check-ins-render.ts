import { table, type Cell } from '../lib/markdown.ts';
import type { CheckInsData } from '../check-ins/types.ts';
import type { Percentiles } from '../orders/stats.ts';

const row = (name: string, p: Percentiles | null | undefined): Cell[] => [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
const mark = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'pass' : '**FAIL**');

export function renderCheckIns(d: CheckInsData): string {
  const lines = [
    `${d.tickets} distinct tickets (free ticket type, paid at once), each scanned once by one of ${d.concurrency} concurrent scanners. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
  ];
  if (!d.endpoint.available) {
    lines.push(`**POST /v1/events/{id}/check-ins was not served** (probe answered \`${d.endpoint.probe}\`): scan figures missing; floor only.`, '');
  }
  lines.push(
    table(
      ['Latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
      [row('check-in (all answers)', d.scan?.latencyMs.all), row('check-in (admitted)', d.scan?.latencyMs.ok), row('floor: bare conditional UpdateItem', d.floor.latencyMs)],
    ),
    '',
    `Throughput: ${d.scan ? `${d.scan.perSecond} scans/s over ${(d.scan.wallMs / 1000).toFixed(1)} s` : '—'}; floor ${d.floor.perSecond} writes/s. ` +
      `p99 ratio check-in / floor: ${d.ratioP99 ?? '—'}.`,
    '',
  );
  if (d.scan) lines.push(`Answers: ${Object.entries(d.scan.outcomes).map(([k, n]) => `${n} × \`${k}\``).join(', ')}.`, '');
  if (d.capacity) {
    const c = d.capacity;
    const cmds = (b: CheckInsData['capacity'] extends infer T ? (T extends { api: infer A } ? A : never) : never) =>
      Object.entries(b.byCommand).map(([k, v]) => `${k} ×${(v.calls / c.scans).toFixed(2)} (${v.units} CU)`).join(', ');
    lines.push(
      table(
        ['Per successful scan', 'RCU', 'WCU', 'Calls', 'By command'],
        [
          ['request path (API)', c.api.rcu, c.api.wcu, c.api.calls, cmds(c.api)],
          ['bus consumers (audit, counters, CRM)', c.consumers.rcu, c.consumers.wcu, c.consumers.calls, cmds(c.consumers)],
        ],
      ),
      '',
    );
  }
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, mark(t.ok), t.detail])));
  return lines.join('\n');
}
