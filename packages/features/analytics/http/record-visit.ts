import { recordVisit as route } from '#packages/features/analytics/routes.ts';
import { publicVisitLimits } from '#packages/features/analytics/public-limits.ts';
import { recordVisit } from '#packages/features/analytics/visits.ts';
import { takeRateLimits } from '#packages/core/rate-limit.ts';
import { httpHandler, type HttpResult } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }): Promise<HttpResult> => {
  await takeRateLimits([
    { rule: publicVisitLimits.visitPerIp, subject: event.requestContext?.http?.sourceIp ?? 'unknown' },
    { rule: publicVisitLimits.visitPerEvent, subject: params.id },
  ]);
  // A visit is a write: never served from a cache.
  return { status: 200, body: await recordVisit(params.id, body, ctx), headers: { 'cache-control': 'no-store' } };
});
