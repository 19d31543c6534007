import { listMaterials as route } from '#packages/features/materials/routes.ts';
import { listMaterials } from '#packages/features/materials/material-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listMaterials(params.id) }));
