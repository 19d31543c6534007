import type { IncomingHttpHeaders } from 'node:http';
import { whichEndpointSigned } from '#packages/features/webhooks/index.ts';
import { sendJson, type LocalRoute } from './http-server.ts';

export interface InboxEntry {
  receivedAt: string;
  path: string;
  /** What the inbox answered (`?status=` on the endpoint's URL chooses it: 410, 500, a redirect…). */
  answeredStatus: number;
  headers: Record<string, string>;
  body: string;
  verified: boolean;
  endpointId?: string;
  error?: string;
}

const KEPT = 500;

function plainHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v]] : Array.isArray(v) ? [[k, v.join(', ')]] : [])));
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(entries: InboxEntry[]): string {
  const rows = entries
    .slice()
    .reverse()
    .map(
      (e) => `<section><h3>${escape(e.receivedAt)} · ${escape(e.headers['webhook-id'] ?? '(no webhook-id)')} · answered ${e.answeredStatus} · ${e.verified ? '✅ verified' : `❌ not verified (${escape(e.error ?? '')})`}</h3>
<pre>${escape(['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((h) => `${h}: ${e.headers[h] ?? ''}`).join('\n'))}</pre>
<pre>${escape(e.body)}</pre></section>`,
    )
    .join('\n');
  return `<!doctype html><meta charset="utf-8"><title>Webhook inbox</title><h1>Webhook inbox (${entries.length})</h1><p>Point an endpoint at <code>/dev/webhook-inbox</code> on this server; add <code>?status=410</code> to have it answer that.</p>${rows || '<p>Nothing yet.</p>'}`;
}

/**
 * A receiver on the local runner: deliveries to `/dev/webhook-inbox…` are
 * kept (headers, body, whether an endpoint's secret verifies them) and shown
 * at `GET /dev/webhook-inbox` (HTML for a browser, JSON otherwise).
 */
export function webhookInboxRoutes(): LocalRoute[] {
  const entries: InboxEntry[] = [];
  return [
    {
      method: 'POST',
      path: '/dev/webhook-inbox*',
      handle: async (req, res, url, body) => {
        const headers = plainHeaders(req.headers);
        const text = body.toString('utf8');
        const check = await whichEndpointSigned(text, headers);
        const requested = Number(url.searchParams.get('status') ?? 200);
        const answeredStatus = Number.isInteger(requested) && requested >= 200 && requested <= 599 ? requested : 200;
        entries.push({ receivedAt: new Date().toISOString(), path: url.pathname + url.search, answeredStatus, headers, body: text, ...check });
        if (entries.length > KEPT) entries.shift();
        if (answeredStatus >= 300 && answeredStatus < 400) res.setHeader('location', `${url.origin}/dev/webhook-inbox/redirected`);
        sendJson(res, answeredStatus, { received: true });
      },
    },
    {
      method: 'GET',
      path: '/dev/webhook-inbox',
      handle: (req, res) => {
        if (String(req.headers.accept ?? '').includes('text/html')) {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(page(entries));
          return;
        }
        sendJson(res, 200, { items: entries });
      },
    },
    {
      method: 'DELETE',
      path: '/dev/webhook-inbox',
      handle: (_req, res) => {
        entries.length = 0;
        res.writeHead(204).end();
      },
    },
  ];
}
