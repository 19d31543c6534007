import { getLtvModel as route } from '#packages/features/lifetime-value/routes.ts';
import { getModel } from '#packages/features/lifetime-value/model-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => ok(await getModel()));
