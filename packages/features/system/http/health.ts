import { health as route } from '#packages/features/system/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => ok({ status: 'ok' }));
