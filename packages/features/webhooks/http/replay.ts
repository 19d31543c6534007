import { replayWebhookMessages as route } from '#packages/features/webhooks/routes.ts';
import { replay } from '#packages/features/webhooks/messages-service.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ({ status: 202, body: await replay(params.id, body) }));
