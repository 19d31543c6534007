import { exportLeads as route } from '#packages/features/exhibitors/routes.ts';
import { exportLeads } from '#packages/features/exhibitors/lead-service.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, principal }) => ({
  status: 200,
  rawBody: await exportLeads(principal, params.id, params.exhibitorId),
  headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="leads.csv"', 'cache-control': 'private, no-store' },
}));
