import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordBuyerPurchase } from '#packages/features/lifetime-value/record-buyer.ts';

/** The buyer's purchase summary for the lifetime-value fit gains the paid order (idempotent by order id). */
export const handler = consumerHandler(consumers.ltvRecordPurchase, async ({ data }) => {
  await recordBuyerPurchase(data);
});
