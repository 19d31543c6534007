import { unsubscribePage as route } from '#packages/features/unsubscribe/routes.ts';
import { verifyUnsubscribeToken } from '#packages/features/campaigns/index.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { invalidLinkPage, unsubscribeConfirmPage } from '#packages/mail/unsubscribe-page.ts';

const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-robots-tag': 'noindex' };

/** Read-only: scanners and previews GET every link in a mail. */
export const handler = httpHandler(route, async ({ params }) => {
  const claims = await verifyUnsubscribeToken(params.token);
  return claims ? { status: 200, headers, rawBody: unsubscribeConfirmPage() } : { status: 404, headers, rawBody: invalidLinkPage() };
});
