import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { sendOrderConfirmation } from '#packages/core/orders/send-confirmation.ts';

export const handler = consumerHandler('send-order-confirmation', ['order.paid'], async ({ data }) => {
  await sendOrderConfirmation(data);
});
