import { listImports as route } from '#packages/features/imports/routes.ts';
import { listImports } from '#packages/features/imports/import-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listImports(query)));
