import { table, type Cell } from '../lib/markdown.ts';
import { renderBreakdown } from '../lib/call-breakdown.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { SeatsData } from './seats.ts';

const row = (name: string, p: Percentiles | null | undefined): Cell[] => [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
const mark = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'pass' : '**FAIL**');

export function renderSeats(d: SeatsData): string {
  const lines = [`Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`, ''];
  lines.push(
    table(
      ['Latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
      [
        row('seat order (all answers)', d.race?.latencyMs.all),
        row('seat order (201 created)', d.race?.latencyMs.created),
        row('floor: bare transaction, same items', d.floor?.latencyMs.all),
      ],
    ),
    '',
    `Throughput: ${d.race ? `${d.race.perSecond} buyers/s over ${(d.race.wallMs / 1000).toFixed(1)} s` : '—'}; floor ${d.floor?.perSecond ?? '—'} transactions/s ` +
      `(${d.floor ? `${d.floor.items.min}–${d.floor.items.max} items: ${d.floor.items.first.join(', ')}` : '—'}). p99 ratio seat order / floor: ${d.ratioP99 ?? '—'}.`,
    '',
  );
  for (const [name, r] of [['Timed race', d.race], ['Warm-up race', d.warmUp]] as const) {
    if (r) {
      lines.push(
        `${name}: ${r.seatsTaken} of ${r.seats} seats taken by ${r.buyers} buyers, ${r.doubleSold} double-sold; answers ${Object.entries(r.answers).map(([k, n]) => `${n} × \`${k}\``).join(', ')}. ` +
          `Books: seat items ${r.seatsTaken} taken = live orders' seats ${r.seatsWon} = pending orders' seats ${r.pendingOrderSeats} = counters (held + sold) ${r.countersTaken}${r.countersMatch ? '' : ' — **they differ**'}; ` +
          `the other ${r.seatsFree} seats are free with ${r.freeAdjacentPairs} adjacent free pair(s) left${r.freeAdjacentPairs === 0 && r.seatsFree > 0 ? ' (stranded singles: every buyer wants two together, so nobody could take them)' : ''}.`,
        '',
      );
    }
  }
  if (d.realItems) lines.push(`Real order transaction (metered in the warm-up, audit item included): ${d.realItems.length} items: ${d.realItems.join(', ')}.`, '');
  if (d.floor) lines.push(`Floor outcomes: ${Object.entries(d.floor.outcomes).map(([k, n]) => `${n} × ${k}`).join(', ')}.`, '');
  if (d.capacity) {
    const c = d.capacity;
    lines.push(
      table(
        ['Per seat taken (warm-up race, metered)', 'RCU', 'WCU', 'Calls'],
        [
          ['request path (orders, including refused buyers)', c.api.rcu, c.api.wcu, c.api.calls],
          ['bus consumers', c.consumers.rcu, c.consumers.wcu, c.consumers.calls],
        ],
      ),
      '',
      `WCU per seat taken, all in: **${c.wcuPerSeat}** (${c.seatsTaken} seats; as DynamoDB Local reports it: transactional writes count double).`,
      '',
    );
    if (d.breakdown?.length) lines.push(renderBreakdown('Request path by call (warm-up race, per seat taken)', d.breakdown), '');
  }
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, mark(t.ok), t.detail])));
  return lines.join('\n');
}
