import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { PeriodHtmlQuery } from '#packages/features/reports/contract.ts';

/**
 * The HTML reports. A feature folder of their own, so they deploy as one
 * function of their own (infra/http-layout.ts: an unlisted folder is its own
 * function): ECharts and zrender (≈ 500 KiB) render their SVG charts and must
 * stay out of every other bundle, the JSON reports' included. One function for
 * both pages rather than `ownFunction` on each: the tenant's function budget.
 */
const tag = 'Reports';

export const eventReportHtml = defineRoute({
  operationId: 'eventReportHtml',
  method: 'GET',
  path: '/v1/events/{id}/report.html',
  handler: 'report-pages/event-html',
  permission: 'reports:read',
  summary: "An event's report as an HTML page with server-rendered SVG charts (no scripts)",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'text/html' } },
});

export const periodReportHtml = defineRoute({
  operationId: 'periodReportHtml',
  method: 'GET',
  path: '/v1/reports/period.html',
  handler: 'report-pages/period-html',
  permission: 'reports:read',
  summary: 'The events starting in [from, to) as an HTML page with server-rendered SVG charts (no scripts)',
  tag,
  request: { query: PeriodHtmlQuery },
  responses: { 200: { description: 'text/html' } },
});
