import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { fanOut } from '#packages/features/webhooks/fan-out.ts';

/** Every domain event to the webhook endpoints that want it; at least once, idempotent by message id. */
export const handler = consumerHandler(consumers.webhooksFanOut, async (event) => {
  await fanOut(event);
});
