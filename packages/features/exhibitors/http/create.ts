import { createExhibitor as route } from '#packages/features/exhibitors/routes.ts';
import { createExhibitor } from '#packages/features/exhibitors/exhibitor-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await createExhibitor(params.id, body)));
