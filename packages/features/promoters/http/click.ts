import { clickPromoterLink as route } from '#packages/features/promoters/routes.ts';
import { recordClick } from '#packages/features/promoters/link-service.ts';
import { publicLinkLimits } from '#packages/features/promoters/public-limits.ts';
import { takeRateLimits } from '#packages/core/rate-limit.ts';
import { httpHandler, type HttpResult } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, event }): Promise<HttpResult> => {
  await takeRateLimits([
    { rule: publicLinkLimits.clickPerIp, subject: event.requestContext?.http?.sourceIp ?? 'unknown' },
    { rule: publicLinkLimits.clickPerLink, subject: params.slug.toLowerCase() },
  ]);
  const { targetUrl, ...click } = await recordClick(params.slug);
  // A click is a write: never served from a cache.
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  if (!targetUrl) return { status: 200, body: click, headers };
  const location = new URL(targetUrl);
  location.searchParams.set('promoterToken', click.token);
  return { status: 302, body: click, headers: { ...headers, location: location.toString() } };
});
