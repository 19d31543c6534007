import { suggestImportMapping as route } from '#packages/features/imports/routes.ts';
import { headersOf } from '#packages/features/imports/csv.ts';
import { suggestMapping } from '#packages/features/imports/mapping.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => {
  const headers = headersOf(body.csv);
  return ok({ headers, ...suggestMapping(headers) });
});
