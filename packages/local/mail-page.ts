import { sendJson, type LocalRoute } from './http-server.ts';

/** One message the SES emulator holds, as `/dev/mail` shows it. */
export interface SentMail {
  messageId: string;
  sentAt: string;
  from: string;
  to: string[];
  subject: string;
  headers: Array<{ name: string; value: string }>;
  /** The http(s) URL of List-Unsubscribe, when it has one (campaign mail). */
  unsubscribeUrl: string | null;
  /** The http(s) links of the HTML body, in order (campaign links carry `rt=`). */
  links: string[];
}

interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  headers?: Array<{ name: string; value: string }>;
  body: { html?: string; text?: string };
  at: number;
}

const unescapeHtml = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

function unsubscribeUrlOf(headers: Array<{ name: string; value: string }>): string | null {
  const value = headers.find((h) => h.name.toLowerCase() === 'list-unsubscribe')?.value ?? '';
  return /<(https?:[^>]+)>/.exec(value)?.[1] ?? null;
}

function linksOf(html: string | undefined): string[] {
  return [...(html ?? '').matchAll(/href="(https?:[^"]+)"/g)].map((m) => unescapeHtml(m[1]!));
}

const SES_EVENT_TYPES = ['Delivery', 'Open', 'Click', 'Bounce', 'Complaint'] as const;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The emulator's store, newest first; `to` keeps the messages sent to that address (any case). */
async function sentMail(mailUrl: string, to: string | null): Promise<SentMail[]> {
  const res = await fetch(`${mailUrl}/store`);
  if (!res.ok) throw new Error(`the SES emulator's store answered ${res.status}`);
  const { emails } = (await res.json()) as { emails: StoredEmail[] };
  const wanted = to?.trim().toLowerCase();
  return emails
    .filter((e) => !wanted || e.destination.to.some((address) => address.toLowerCase() === wanted))
    .map((e) => ({
      messageId: e.messageId,
      // The emulator records seconds since the epoch.
      sentAt: new Date(e.at * 1000).toISOString(),
      from: e.from,
      to: e.destination.to,
      subject: e.subject,
      headers: e.headers ?? [],
      unsubscribeUrl: unsubscribeUrlOf(e.headers ?? []),
      links: linksOf(e.body?.html),
    }))
    .reverse();
}

function page(mail: SentMail[], mailUrl: string): string {
  const rows = mail
    .map((m) => {
      const headers = m.headers.map((h) => `<div class="h"><b>${escapeHtml(h.name)}:</b> ${escapeHtml(h.value)}</div>`).join('');
      const buttons = SES_EVENT_TYPES.map((type) => `<button data-id="${escapeHtml(m.messageId)}" data-type="${type}">${type}</button>`).join(' ');
      return `<tr><td>${escapeHtml(m.sentAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td>${escapeHtml(m.subject)}</td>
<td><code>${escapeHtml(m.messageId)}</code><br><a href="${escapeHtml(`${mailUrl}/get-emlContent?messageId=${encodeURIComponent(m.messageId)}`)}">raw</a></td>
<td>${headers || '<i>none</i>'}</td><td>${buttons}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Sent mail (local)</title>
<style>body{font:14px system-ui;margin:1.5em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}.h{font:12px monospace;word-break:break-all}</style></head><body>
<h1>Sent mail</h1>
<p>${mail.length} message(s) in the SES emulator (<a href="${escapeHtml(mailUrl)}">its viewer</a>, bodies there), newest first; <a href="/dev/mail.json">as JSON</a>, <code>?to=</code> filters.
The buttons simulate what SES would report for a campaign message: <code>POST /dev/ses-events {"messageId", "type"}</code>, handled by the same consumer as deployed
(a confirmation mail is no campaign message: 404).</p>
<p id="result"></p>
<table><tr><th>sent</th><th>to</th><th>subject</th><th>message id</th><th>headers (List-Unsubscribe…)</th><th>simulate an SES event</th></tr>
${rows}
</table>
<script>
document.addEventListener('click', async (e) => {
  const b = e.target.closest('button[data-id]');
  if (!b) return;
  const res = await fetch('/dev/ses-events', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ messageId: b.dataset.id, type: b.dataset.type }) });
  document.getElementById('result').textContent = b.dataset.type + ' for ' + b.dataset.id + ': ' + res.status + ' ' + (await res.text()).slice(0, 300);
});
</script></body></html>`;
}

/** GET /dev/mail (a page) and /dev/mail.json ({ items }): the messages sent, with their headers and message ids. */
export function mailDevRoutes(mailUrl: string): LocalRoute[] {
  return [
    {
      method: 'GET',
      path: '/dev/mail',
      handle: async (_req, res, url) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page(await sentMail(mailUrl, url.searchParams.get('to')), mailUrl));
      },
    },
    {
      method: 'GET',
      path: '/dev/mail.json',
      handle: async (_req, res, url) => sendJson(res, 200, { items: await sentMail(mailUrl, url.searchParams.get('to')) }),
    },
  ];
}
