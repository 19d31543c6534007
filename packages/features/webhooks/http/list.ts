import { listWebhookEndpoints as route } from '#packages/features/webhooks/routes.ts';
import { listEndpoints } from '#packages/features/webhooks/endpoint-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listEndpoints(query)));
