import { putNetworkingSettings as route } from '#packages/features/networking/routes.ts';
import { putSettings } from '#packages/features/networking/settings-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await putSettings(params.id, body)));
