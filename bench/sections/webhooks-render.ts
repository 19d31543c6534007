import { passFail, table } from '../lib/markdown.ts';
import type { WebhooksData } from './webhooks.ts';

export function renderWebhooks(d: WebhooksData): string {
  const p = d.lagMs;
  return [
    `${d.events} events × ${d.endpoints} endpoints = ${d.expected} messages. Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(
      ['Figure', 'Value'],
      [
        ['delivered (distinct webhook-id)', `${d.delivered} / ${d.expected}`],
        ['lost', d.lost],
        ['duplicates seen by webhook-id', d.duplicates],
        ['signatures that did not verify', d.unverified],
        ['events published in', `${d.publishMs} ms`],
        ['first publish → last arrival', `${d.wallMs} ms`],
        ['deliveries per second', d.deliveriesPerSecond],
        ['delivery lag p50 / p90 / p99 / max (ms)', p ? `${p.p50} / ${p.p90} / ${p.p99} / ${p.max}` : '—'],
        ['fan-out events dead-lettered', d.deadLetters],
      ],
      ['l', 'r'],
    ),
    '',
    'The lag is queueing: every event is published up front, then the bus works through them 16 invocations at a time on the shared cores, so the p99 is close to the whole run. ' +
      'A duplicate is a message sent again under the same webhook-id: a send not recorded within its lease (60 s, `WEBHOOKS_LEASE_SECONDS`, renewed before the POST when less than the 15 s timeout + 15 s is left) is taken over by the due job (at least once, by design).',
    '',
    table(['Target', 'Result', 'Detail'], d.targets.map((t) => [t.name, passFail(t.ok), t.detail])),
  ].join('\n');
}
