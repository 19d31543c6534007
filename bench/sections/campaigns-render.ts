import type { CampaignsData } from '../campaigns/types.ts';
import { passFail, table } from '../lib/markdown.ts';

export function renderCampaigns(d: CampaignsData): string {
  const lines = [
    `One campaign to ${d.recipients.toLocaleString('en')} recipients (a segment) at CAMPAIGN_MAX_SEND_RATE=${d.rate}/s with ${d.concurrency} sending workers per chunk. ` +
      `Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    `Audience seeded in ${(d.seedMs / 1000).toFixed(1)} s (not part of the figures).`,
    '',
  ];
  const s = d.send;
  if (s) {
    lines.push(
      table(
        ['Send', 'Value'],
        [
          ['wall time (send request → `sent`)', `${(s.wallMs / 1000).toFixed(1)} s`],
          ['recipients per second', s.perSecond],
          ['SES calls', Object.entries(s.sesCalls).map(([k, n]) => `${k} ×${n}`).join(', ') || '—'],
          ['chunk events', Object.entries(s.chunks).map(([k, n]) => `${k} ×${n}`).join(', ')],
          ['totals', Object.entries(s.totals).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ')],
          ['mailbox (SES emulator)', `${s.mailbox.messages} messages; ${s.mailbox.addressesOnce} addresses once, ${s.mailbox.addressesMore} more than once`],
        ],
      ),
      '',
    );
  }
  if (d.capacity) {
    const c = d.capacity;
    lines.push(
      table(
        ['Per recipient', 'RCU', 'WCU (DynamoDB Local)', 'WCU as billed (table + indexes)', 'Calls', 'By command (calls per recipient, CU per recipient)'],
        [
          [
            'send request + every chunk',
            c.rcu,
            c.wcu,
            c.billedWcu ? `${c.billedWcu.table} + ${c.billedWcu.indexes}` : '—',
            c.calls,
            Object.entries(c.byCommand)
              .map(([k, v]) => `${k} ×${(v.calls / c.recipients).toFixed(2)} (${v.units} CU)`)
              .join(', '),
          ],
        ],
      ),
      '',
    );
  }
  lines.push(table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])));
  return lines.join('\n');
}
