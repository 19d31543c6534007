import { unsubscribe as route } from '#packages/features/unsubscribe/routes.ts';
import { unsubscribe, unsubscribeClaims } from '#packages/features/campaigns/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { unsubscribedPage } from '#packages/mail/unsubscribe-page.ts';

/**
 * The body is form-encoded (RFC 8058: `List-Unsubscribe=One-Click`), so it is
 * read raw rather than as JSON. The token alone authorises: a POST without
 * that body (some clients) still unsubscribes. `via=page` comes from our own
 * confirmation page's button, for the consent record's source.
 */
export const handler = httpHandler(route, async ({ params, event, ctx }) => {
  const claims = await unsubscribeClaims(params.token);
  const text = event.body ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8').toString('utf8') : '';
  const form = new URLSearchParams(text);
  const status = await unsubscribe(claims, form.get('via') === 'page' ? 'link' : 'one_click', ctx);
  if ((event.headers.accept ?? '').includes('text/html')) {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, rawBody: unsubscribedPage() };
  }
  return ok({ status });
});
