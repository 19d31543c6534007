import { listWebhookMessages as route } from '#packages/features/webhooks/routes.ts';
import { listMessages } from '#packages/features/webhooks/messages-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listMessages(params.id, query)));
