import { defineRoute } from '#packages/core/route.ts';
import { MetricQueryParams, MetricSeriesResult } from './contract.ts';

const tag = 'Analytics';

export const queryMetrics = defineRoute({
  operationId: 'queryMetrics',
  method: 'GET',
  path: '/v1/analytics',
  handler: 'analytics/query',
  permission: 'analytics:read',
  summary:
    'A metric over time (per minute ≤ 2 days, hour ≤ 90 days, day ≤ 3 years), optionally grouped by a dimension and filtered on an event or a promoter; a promoter sees only its own figures',
  tag,
  request: { query: MetricQueryParams },
  responses: { 200: { description: 'The series, read from pre-aggregated buckets', schema: MetricSeriesResult } },
});
