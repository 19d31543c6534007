import { exportContacts as route } from '#packages/features/exports/routes.ts';
import { contactColumns, contactPages } from '#packages/features/exports/sources.ts';
import { syncCsv } from '#packages/features/exports/sync-export.ts';
import { deliver } from '#packages/features/exports/deliver.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { csvAnswer } from './answer.ts';

export const handler = httpHandler(route, async ({ query }) => {
  const { delivery, ...filter } = query;
  const { csv, rows } = await syncCsv('contacts', contactColumns, contactPages(filter));
  return csvAnswer(await deliver('contacts.csv', csv, rows, delivery));
});
