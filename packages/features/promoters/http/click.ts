import { clickPromoterLink as route } from '#packages/features/promoters/routes.ts';
import { recordClick } from '#packages/features/promoters/link-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const { targetUrl, ...click } = await recordClick(params.slug);
  if (!targetUrl) return ok(click);
  const location = new URL(targetUrl);
  location.searchParams.set('promoterToken', click.token);
  return { status: 302, body: click, headers: { location: location.toString(), 'cache-control': 'no-store' } };
});
