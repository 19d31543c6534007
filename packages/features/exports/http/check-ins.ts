import { exportCheckIns as route } from '#packages/features/exports/routes.ts';
import { checkInColumns, checkInPages } from '#packages/features/exports/sources.ts';
import { syncCsv } from '#packages/features/exports/sync-export.ts';
import { deliver } from '#packages/features/exports/deliver.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { csvAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ params, query }) => {
  const { csv, rows } = await syncCsv('check-ins', checkInColumns, checkInPages(params.id));
  return csvAnswer(await deliver(`check-ins-${params.id}.csv`, csv, rows, query.delivery));
});
