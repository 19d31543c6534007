import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { countRefund, countSale } from '#packages/features/stats/count-sales.ts';

/** Tickets sold and revenue per currency into the sharded live counters; once per event id. */
export const handler = consumerHandler(consumers.countSales, async (event) => {
  switch (event.detailType) {
    case 'order.paid':
      await countSale(event.metadata.id, event.data);
      break;
    case 'order.refunded':
      await countRefund(event.metadata.id, event.data);
      break;
  }
});
