import { listBooths as route } from '#packages/features/exhibitors/routes.ts';
import { listBooths } from '#packages/features/exhibitors/booth-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listBooths(params.id) }));
