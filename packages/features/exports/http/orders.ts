import { exportOrders as route } from '#packages/features/exports/routes.ts';
import { orderColumns, orderPages } from '#packages/features/exports/sources.ts';
import { syncCsv } from '#packages/features/exports/sync-export.ts';
import { deliver } from '#packages/features/exports/deliver.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { csvAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ params, query }) => {
  const { csv, rows } = await syncCsv('orders', orderColumns, orderPages(params.id, query.status));
  return csvAnswer(await deliver(`orders-${params.id}.csv`, csv, rows, query.delivery));
});
