import { queryMetrics as route } from '#packages/features/analytics/routes.ts';
import { scopedQuery } from '#packages/features/analytics/access.ts';
import { queryMetric } from '#packages/features/analytics/query-metric.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, principal }) => {
  const { event, promoter, ...rest } = query;
  const filters = { ...(event ? { event } : {}), ...(promoter ? { promoter } : {}) };
  return ok(await queryMetric(await scopedQuery(principal, { ...rest, filters })));
});
