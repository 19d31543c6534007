import { createImportUpload as route } from '#packages/features/imports/routes.ts';
import { newUpload } from '#packages/features/imports/uploads.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => created(await newUpload()));
