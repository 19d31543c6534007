import { IdParams } from '#packages/core/common-schemas.ts';
import { EventStats } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

export const getEventStats = defineRoute({
  operationId: 'getEventStats',
  method: 'GET',
  path: '/v1/events/{id}/stats',
  handler: 'stats/get',
  permission: 'stats:read',
  summary: 'Live sales and attendance: tickets sold, revenue, check-ins per list and ticket type, inside now, arrivals per 5 minutes',
  tag: 'Stats',
  request: { params: IdParams },
  responses: { 200: { description: 'Counters summed over the event\'s stats shards (trailing the scans by the consumers\' delay)', schema: EventStats } },
});
