import { staffDownload as route } from '#packages/features/materials/routes.ts';
import { staffDownload } from '#packages/features/materials/material-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await staffDownload(params.id, params.materialId)));
