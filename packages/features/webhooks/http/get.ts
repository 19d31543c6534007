import { getWebhookEndpoint as route } from '#packages/features/webhooks/routes.ts';
import { getEndpoint } from '#packages/features/webhooks/endpoint-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getEndpoint(params.id)));
