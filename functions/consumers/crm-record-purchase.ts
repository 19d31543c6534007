import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordPurchase } from '#packages/core/contacts/record-purchase.ts';

export const handler = consumerHandler(['order.paid'], async ({ metadata, data }) => {
  await recordPurchase(metadata.id, data);
});
