import { escapeHtml } from './html-escape.ts';

/**
 * The pages behind the unsubscribe link. GET only shows a button (mail
 * scanners and link previews fetch every link; a GET must change nothing);
 * the button POSTs the same body a mail client's one-click POST carries
 * (RFC 8058), plus `via=page` so the consent record says how.
 */
function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 4rem auto; padding: 0 1rem; color: #222; }
button { font-size: 1rem; padding: .6rem 1.2rem; border-radius: .4rem; border: 1px solid #444; background: #222; color: #fff; cursor: pointer; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function unsubscribeConfirmPage(): string {
  return page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1>
<p>Stop receiving marketing email from us? Order confirmations and tickets still reach you.</p>
<form method="post">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<input type="hidden" name="via" value="page">
<button type="submit">Unsubscribe</button>
</form>`,
  );
}

export function unsubscribedPage(): string {
  return page('Unsubscribed', `<h1>You are unsubscribed</h1>\n<p>You will not receive marketing email from us any more.</p>`);
}

export function invalidLinkPage(): string {
  return page('Link not valid', `<h1>This link is not valid</h1>\n<p>Use the unsubscribe link of one of our emails, exactly as it came.</p>`);
}
