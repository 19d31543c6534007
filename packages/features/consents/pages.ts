import { escapeHtml } from '#packages/mail/html-escape.ts';

/**
 * Server-rendered pages of the consent links: plain HTML forms, no script,
 * labelled controls, readable without CSS. A GET only shows (mail scanners
 * fetch every link); the buttons POST.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: .4rem; border: 1px solid #444; background: #222; color: #fff; cursor: pointer; }
button:focus, input:focus { outline: 3px solid #0a58ca; outline-offset: 2px; }
fieldset { border: 1px solid #ccc; border-radius: .4rem; margin: 1rem 0; padding: .5rem 1rem; }
label { display: block; padding: .4rem 0; }
.hint { color: #555; font-size: .9rem; margin: 0 0 .4rem 1.6rem; }
</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export const htmlHeaders = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' };

export function confirmOptInPage(purposeName: string, text: string): string {
  return page(
    'Confirm your subscription',
    `<h1>Confirm your subscription</h1>
<p>${escapeHtml(purposeName)}</p>
<blockquote>${escapeHtml(text)}</blockquote>
<form method="post">
<button type="submit">Yes, confirm</button>
</form>`,
  );
}

export function optInConfirmedPage(): string {
  return page('Subscription confirmed', '<h1>Thank you</h1>\n<p>Your subscription is confirmed.</p>');
}

export function linkNotValidPage(): string {
  return page(
    'Link not valid',
    '<h1>This link is not valid</h1>\n<p>It may have expired, or the request was withdrawn since. Use the link of our newest email, exactly as it came.</p>',
  );
}

export interface PreferenceFormRow {
  id: string;
  name: string;
  text: string;
  channel: string;
  checked: boolean;
}

/**
 * The preference centre: one labelled checkbox per subscription type, grouped
 * by channel in fieldsets with legends, and a Save button. Works without
 * JavaScript or CSS; every control has a label and a description tied to it.
 */
export function preferencesPage(email: string, rows: readonly PreferenceFormRow[], saved?: number): string {
  const groups = (['email', 'sms'] as const)
    .map((channel) => {
      const mine = rows.filter((r) => r.channel === channel);
      if (!mine.length) return '';
      const legend = channel === 'email' ? 'By email' : 'By text message';
      const boxes = mine
        .map(
          (r) => `<label for="p-${escapeHtml(r.id)}"><input type="checkbox" id="p-${escapeHtml(r.id)}" name="purpose" value="${escapeHtml(r.id)}" aria-describedby="d-${escapeHtml(r.id)}"${r.checked ? ' checked' : ''}> ${escapeHtml(r.name)}</label>
<p class="hint" id="d-${escapeHtml(r.id)}">${escapeHtml(r.text)}</p>`,
        )
        .join('\n');
      return `<fieldset>\n<legend>${legend}</legend>\n${boxes}\n</fieldset>`;
    })
    .join('\n');
  const status = saved === undefined ? '' : `<p role="status">${saved ? 'Your preferences are saved.' : 'Nothing changed.'}</p>\n`;
  return page(
    'Your email preferences',
    `<h1>Your preferences</h1>
${status}<p>What we may send to <strong>${escapeHtml(email)}</strong>. Untick everything to receive no marketing at all; order confirmations and tickets still reach you.</p>
<form method="post">
${groups}
<button type="submit">Save my preferences</button>
</form>`,
  );
}
