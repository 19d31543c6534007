import { listExhibitors as route } from '#packages/features/exhibitors/routes.ts';
import { listExhibitors } from '#packages/features/exhibitors/exhibitor-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listExhibitors(params.id) }));
