import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  AttributionQuery,
  AttributionReport,
  CohortsReport,
  EventsReport,
  FormatQuery,
  PeriodQuery,
  RevenueQuery,
  RevenueReport,
  TopCustomersQuery,
  TopCustomersReport,
  VelocityReport,
} from './contract.ts';

const tag = 'Reports';
const csvToo = 'JSON, or its rows as CSV with `?format=csv` or `Accept: text/csv` (formula-safe cells)';

export const eventsReport = defineRoute({
  operationId: 'eventsReport',
  method: 'GET',
  path: '/v1/reports/events',
  handler: 'reports/events',
  permission: 'reports:read',
  summary: 'Per event starting in [from, to): capacity, tickets sold, sell-through, revenue, admissions, attendance and no-show rates',
  tag,
  request: { query: PeriodQuery },
  responses: { 200: { description: csvToo, schema: EventsReport } },
});

export const revenueReport = defineRoute({
  operationId: 'revenueReport',
  method: 'GET',
  path: '/v1/reports/revenue',
  handler: 'reports/revenue',
  permission: 'reports:read',
  summary: 'Revenue over time from the metric store: orders, tickets, sales and refunds per day, week or month of [from, to), per currency',
  tag,
  request: { query: RevenueQuery },
  responses: { 200: { description: csvToo, schema: RevenueReport } },
});

export const velocityReport = defineRoute({
  operationId: 'velocityReport',
  method: 'GET',
  path: '/v1/events/{id}/reports/velocity',
  handler: 'reports/velocity',
  permission: 'reports:read',
  summary: "Sales velocity: tickets sold by each day before start, against the mean of the organiser's 10 most recent earlier events at the same day",
  tag,
  request: { params: IdParams, query: FormatQuery },
  responses: { 200: { description: csvToo, schema: VelocityReport } },
});

export const cohortsReport = defineRoute({
  operationId: 'cohortsReport',
  method: 'GET',
  path: '/v1/reports/cohorts',
  handler: 'reports/cohorts',
  permission: 'reports:read',
  summary: "Cohorts by first attended event (first ever, the organiser's earlier events included) for the events starting in [from, to), and the window's repeat-attendee rate",
  tag,
  request: { query: PeriodQuery },
  responses: { 200: { description: csvToo, schema: CohortsReport } },
});

export const topCustomersReport = defineRoute({
  operationId: 'topCustomersReport',
  method: 'GET',
  path: '/v1/reports/top-customers',
  handler: 'reports/top-customers',
  permission: 'reports:read',
  summary: 'Buyers by net spend on the events starting in [from, to), with orders, events and tickets',
  tag,
  request: { query: TopCustomersQuery },
  responses: { 200: { description: csvToo, schema: TopCustomersReport } },
});

export const attributionReport = defineRoute({
  operationId: 'attributionReport',
  method: 'GET',
  path: '/v1/reports/attribution',
  handler: 'reports/attribution',
  permission: 'reports:read',
  summary: "Revenue and ROI by channel, promoter, campaign, UTM source or lead source over the events starting in [from, to); promoters' commission is the cost",
  tag,
  request: { query: AttributionQuery },
  responses: { 200: { description: csvToo, schema: AttributionReport } },
});
