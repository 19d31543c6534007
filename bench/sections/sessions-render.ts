import { table, type Cell } from '../lib/markdown.ts';
import { renderBreakdown } from '../lib/call-breakdown.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { SessionsData } from '../sessions/types.ts';

const row = (name: string, p: Percentiles | null | undefined): Cell[] => [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
const mark = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'pass' : '**FAIL**');

export function renderSessions(d: SessionsData): string {
  const lines = [
    `${d.attendees} attendees (free tickets), each registering once for one of ${d.sessions} sessions of ${d.capacityPerSession} seats, ${d.concurrency} in flight. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(['Latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'], [row('registration (all answers)', d.burst?.latencyMs), row('floor: bare conditional transaction, same items', d.floor?.latencyMs?.all)]),
    '',
    `Throughput: ${d.burst ? `${d.burst.perSecond} registrations/s over ${(d.burst.wallMs / 1000).toFixed(1)} s` : '—'}; floor ${d.floor?.perSecond ?? '—'} transactions/s ` +
      `(${d.floor?.items ? `${d.floor.items.min}–${d.floor.items.max} items: ${d.floor.items.first.join(', ')}; ${d.floor.conflictRetries} conflict retries` : '—'}). p99 ratio registration / floor: ${d.ratioP99 ?? '—'}.`,
    '',
  ];
  if (d.realItems) lines.push(`Real confirmation transaction (metered in the warm-up, audit item included): ${d.realItems.length} items: ${d.realItems.join(', ')}.`, '');
  if (d.floor?.outcomes) lines.push(`Floor outcomes: ${Object.entries(d.floor.outcomes).map(([k, n]) => `${n} × ${k}`).join(', ')}.`, '');
  if (d.sessionCache) lines.push(`Session cache of the bench process over the timed burst: ${d.sessionCache.hits} hits, ${d.sessionCache.misses} reads.`, '');
  if (d.burst) lines.push(`Answers: ${Object.entries(d.burst.outcomes).map(([k, n]) => `${n} × \`${k}\``).join(', ')}.`, '');
  if (d.check) {
    lines.push(
      `After the burst: ${d.check.confirmed} confirmed (counters), ${d.check.registrationsListed} confirmed registrations listed, ${d.check.waitlisted} waitlisted; ` +
        `fullest session ${d.check.maxTaken} / ${d.capacityPerSession}; sessions over capacity: ${d.check.overCapacity}.`,
      '',
    );
  }
  if (d.capacity) {
    const c = d.capacity;
    const cmds = (b: typeof c.api) => Object.entries(b.byCommand).map(([k, v]) => `${k} ×${(v.calls / c.operations).toFixed(2)} (${v.units} CU)`).join(', ');
    lines.push(
      table(
        ['Per successful registration (warm-up burst)', 'RCU', 'WCU', 'Calls', 'By command'],
        [
          ['request path (API)', c.api.rcu, c.api.wcu, c.api.calls, cmds(c.api)],
          ['bus consumers', c.consumers.rcu, c.consumers.wcu, c.consumers.calls, cmds(c.consumers)],
        ],
      ),
      '',
    );
  }
  if (d.breakdown?.length) lines.push(renderBreakdown('Request path by call (warm-up burst, per successful registration)', d.breakdown), '');
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, mark(t.ok), t.detail])));
  return lines.join('\n');
}
