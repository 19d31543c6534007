import { createWebhookEndpoint as route } from '#packages/features/webhooks/routes.ts';
import { createEndpoint } from '#packages/features/webhooks/endpoint-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body }) => created(await createEndpoint(body)));
