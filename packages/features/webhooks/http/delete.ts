import { deleteWebhookEndpoint as route } from '#packages/features/webhooks/routes.ts';
import { deleteEndpoint } from '#packages/features/webhooks/endpoint-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteEndpoint(params.id);
  return noContent();
});
