import { testWebhookEndpoint as route } from '#packages/features/webhooks/routes.ts';
import { testSend } from '#packages/features/webhooks/messages-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await testSend(params.id)));
