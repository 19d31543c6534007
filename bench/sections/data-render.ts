import { table } from '../lib/markdown.ts';
import type { DataBenchData } from './data.ts';

export function renderData(d: DataBenchData): string {
  const cap = (c: { api: { rcu: number; wcu: number }; consumers: { rcu: number; wcu: number } } | null | undefined, kind: 'rcu' | 'wcu') =>
    c ? `${c.api[kind]} + ${c.consumers[kind]}` : '—';
  return [
    `${d.rows} rows in ${d.files} file(s). Method: ${Object.entries(d.method).map(([k, v]) => `${k}: ${v}`).join('; ')}.`,
    '',
    table(
      ['Step', 'wall (ms)', 'rate', 'RCU per row (request + consumers)', 'WCU per row (request + consumers)', 'notes'],
      [
        ['import', d.import?.wallMs, d.import ? `${d.import.rowsPerSecond} rows/s` : '—', cap(d.import?.capacity, 'rcu'), cap(d.import?.capacity, 'wcu'), d.import ? `${d.import.created} created, ${d.import.failed} failed` : '—'],
        [
          'export (CSV job)',
          d.export?.wallMs,
          d.export ? `${d.export.rowsPerSecond} rows/s; ${d.export.rows} rows, ${d.export.bytes} B` : '—',
          cap(d.export?.capacity, 'rcu'),
          cap(d.export?.capacity, 'wcu'),
          d.export
            ? `job ${d.export.jobMs} ms (${d.export.polls} polls), download ${d.export.downloadMs} ms; the sync route for the same filter: ${d.export.sync.status}${d.export.sync.code ? ` ${d.export.sync.code}` : ''} in ${d.export.sync.wallMs} ms`
            : '—',
        ],
        [
          `erase (${d.erase?.timelineLines ?? 200} timeline lines)`,
          d.erase?.wallMs,
          d.erase ? `${d.erase.itemsTouched} items touched` : '—',
          cap(d.erase?.capacity, 'rcu'),
          cap(d.erase?.capacity, 'wcu'),
          d.erase ? Object.entries(d.erase.touched).map(([k, v]) => `${k} ${v}`).join(', ') : '—',
        ],
      ],
      ['l', 'r', 'r', 'r', 'r', 'l'],
    ),
    '',
    'Export RCU are the job\'s reads (the tag index and the contacts, in the consumer) plus the polls; its WCU the job item\'s progress writes. The erase row is per erasure, not per row. Import WCU include the contact.created consumers (segments) the import sets off; an import row costs its reads (email guard, erased-email hash) and one transaction (guard, contact, its index copies, tags, the importChange, the outbox row) plus the outbox delete.',
  ].join('\n');
}
