import { updateWebhookEndpoint as route } from '#packages/features/webhooks/routes.ts';
import { updateEndpoint } from '#packages/features/webhooks/endpoint-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await updateEndpoint(params.id, body)));
