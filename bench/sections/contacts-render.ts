import type { ContactsData } from '../contacts/types.ts';
import type { CapacityShare } from '../lib/capacity-split.ts';
import { CPU_HEADERS, cpuRow } from '../lib/cpu-table.ts';
import { passFail, table, type Cell } from '../lib/markdown.ts';
import type { Percentiles } from '../orders/stats.ts';

const row = (name: string, p: Percentiles | null | undefined): Cell[] => [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
const counts = (o: Record<string, number>) => Object.entries(o).map(([k, n]) => `${n} × \`${k}\``).join(', ');
const commands = (s: CapacityShare, n: number) =>
  Object.entries(s.byCommand).map(([k, v]) => `${k} ×${(v.calls / n).toFixed(2)} (${v.units} CU)`).join(', ') || '—';

export function renderContacts(d: ContactsData): string {
  const c = d.create;
  const f = d.floor;
  const lines = [
    `${d.contacts} contacts created through \`POST /v1/contacts\`, ${d.concurrency} at a time, each with a unique email; ` +
      `${d.mix.withTags} with ${d.mix.tagsEach} tags (one shared by all of them), ${d.mix.withPhone} with a phone, ${d.mix.withConsent} with marketing consent. ` +
      `Target: p99 ≤ 3 × p99 of the floor (bare transactions of the same shape, same run). ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(
      ['Latency (ms)', 'n', 'p50', 'p90', 'p99', 'max', 'mean'],
      [
        row('create contact (all answers)', c?.latencyMs.all),
        row('create contact (201)', c?.latencyMs.created),
        row('floor: every transaction', f?.latencyMs.all),
        row('floor: committed', f?.latencyMs.committed),
      ],
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Throughput: ${c ? `${c.perSecond} contacts/s over ${(c.wallMs / 1000).toFixed(1)} s` : '—'}; ` +
      `floor ${f ? `${f.perSecond} transactions/s over ${(f.wallMs / 1000).toFixed(1)} s` : '—'}. **p99 ratio contact / floor: ${d.ratioP99 ?? '—'}** (target ≤ 3).`,
    '',
  ];
  if (c) lines.push(`Answers: ${counts(c.outcomes)}.`, '');
  if (f) {
    lines.push(
      `Floor: ${f.ops} transactions of ${f.items.min}–${f.items.max} items (the first: ${f.items.first.join(', ')}), ${f.concurrency} in flight; outcomes ${counts(f.outcomes)}.`,
      '',
    );
  }
  lines.push(
    table(
      CPU_HEADERS,
      [...(c ? [cpuRow('create contact (API, whole local stack)', d.contacts, c.wallMs, c.cpu)] : []), ...(f ? [cpuRow('floor (bare transactions)', f.ops, f.wallMs, f.cpu)] : [])],
      ['l', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  if (d.capacity) {
    const k = d.capacity;
    lines.push(
      `Consumed capacity per created contact, as DynamoDB Local reports it (it under-reports transactions: see the orders section), metered on the warm-up burst (${k.operations} contacts):`,
      '',
      table(
        ['Per created contact', 'RCU', 'WCU', 'Calls', 'By command'],
        [
          ['request path (API)', k.api.rcu, k.api.wcu, k.api.calls, commands(k.api, k.operations)],
          ['bus consumers (segments)', k.consumers.rcu, k.consumers.wcu, k.consumers.calls, commands(k.consumers, k.operations)],
        ],
        ['l', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  }
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])));
  return lines.join('\n');
}
