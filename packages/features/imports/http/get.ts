import { getImport as route } from '#packages/features/imports/routes.ts';
import { readImport, toImportView } from '#packages/features/imports/import-store.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(toImportView(await readImport(params.id))));
