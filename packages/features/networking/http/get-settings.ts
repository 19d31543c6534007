import { getNetworkingSettings as route } from '#packages/features/networking/routes.ts';
import { settingsOfEvent } from '#packages/features/networking/settings-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await settingsOfEvent(params.id)));
