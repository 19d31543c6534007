import { createMaterial as route } from '#packages/features/materials/routes.ts';
import { createMaterial } from '#packages/features/materials/material-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createMaterial(params.id, body)));
