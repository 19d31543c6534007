import { defineRoute } from '#packages/core/route.ts';
import { IdParams, ListQuery } from '#packages/core/common-schemas.ts';
import { Journey, MetricQueryParams, MetricSeriesResult, RecordVisit, Visit } from './contract.ts';

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

export const recordVisit = defineRoute({
  operationId: 'recordVisit',
  method: 'POST',
  path: '/v1/events/{id}/visits',
  handler: 'analytics/record-visit',
  permission: null,
  summary:
    "Public: records a landing on an event's page with UTM parameters or a promoter link token (server time); answers the token an order names as `visitToken` for its attribution",
  tag,
  request: { params: IdParams, body: RecordVisit },
  responses: {
    200: { description: 'The visit (nothing to GET: its token is what the storefront keeps)', schema: Visit },
    429: { description: 'rate_limited (per client ip and per event), with Retry-After' },
  },
});

export const getContactJourney = defineRoute({
  operationId: 'getContactJourney',
  method: 'GET',
  path: '/v1/contacts/{id}/journey',
  handler: 'analytics/journey',
  permission: 'contacts:read',
  summary:
    "A contact's journey, oldest first: touches (UTM and promoter-link visits, campaign opens and clicks), orders with their first- and last-touch attribution, refunds, attendance and feedback, from its CRM timeline; a page may hold fewer than limit steps",
  tag: 'Contacts',
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of journey steps and the first touch', schema: Journey } },
});
