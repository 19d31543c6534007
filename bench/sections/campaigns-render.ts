import type { CampaignRun, CampaignsData } from '../campaigns/types.ts';
import { passFail, table } from '../lib/markdown.ts';

const list = (o: Record<string, number>) =>
  Object.entries(o)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || '—';

function runRows(r: CampaignRun): Array<[string, string | number]> {
  return [
    ['recipients', r.recipients],
    ['wall time (send request → `sent`)', `${(r.wallMs / 1000).toFixed(1)} s${r.sizing ? ' (billing arithmetic on: slower)' : ''}`],
    ['recipients per second', r.perSecond],
    ['SES calls', list(r.sesCalls)],
    ['events', list(r.chunks)],
    ['totals', list(r.totals)],
    ['mailbox (SES emulator)', `${r.mailbox.messages} messages; ${r.mailbox.addressesOnce} addresses once, ${r.mailbox.addressesMore} more than once; ${r.mailbox.withHeaders} with both unsubscribe headers`],
    ['audience seeded in (not timed)', `${(r.seedMs / 1000).toFixed(1)} s`],
  ];
}

export function renderCampaigns(d: CampaignsData): string {
  const lines = [
    `One campaign to ${d.recipients.toLocaleString('en')} recipients (a segment) at CAMPAIGN_MAX_SEND_RATE=${d.rate}/s with ${d.concurrency} sending workers per chunk. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
  ];
  if (d.main) lines.push(table(['Timed campaign', 'Value'], runRows(d.main)), '');
  const rows = [
    d.main && ['timed campaign (as DynamoDB Local reports)', d.main],
    d.billing && [`billing campaign (${d.billing.recipients} recipients, sizing on)`, d.billing],
  ].filter((r): r is [string, CampaignRun] => Boolean(r));
  if (rows.length) {
    lines.push(
      table(
        ['Per recipient', 'RCU', 'WCU (DynamoDB Local)', 'WCU as billed (table + indexes)', 'Calls', 'By command (calls, CU per recipient)'],
        rows.map(([label, r]) => [
          label,
          r.capacity.rcu,
          r.capacity.wcu,
          r.capacity.billedWcu ? `${r.capacity.billedWcu.table} + ${r.capacity.billedWcu.indexes}` : '—',
          r.capacity.calls,
          Object.entries(r.capacity.byCommand)
            .map(([k, v]) => `${k} ×${(v.calls / r.recipients).toFixed(2)} (${v.units})`)
            .join(', '),
        ]),
      ),
      '',
    );
  }
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])));
  return lines.join('\n');
}
