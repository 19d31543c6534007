import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { sendOrderConfirmation } from '#packages/features/orders/send-confirmation.ts';

/** The buyer's confirmation email, once per order (claimed under the declaration's idempotency scope). */
export const handler = consumerHandler(consumers.sendOrderConfirmation, async ({ data }) => {
  await sendOrderConfirmation(data);
});
