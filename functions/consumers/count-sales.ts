import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { countRefund, countSale } from '#packages/core/stats/count-sales.ts';

/** Tickets sold and revenue per currency into the sharded live counters; once per event id. */
export const handler = consumerHandler('count-sales', ['order.paid', 'order.refunded'], async (event) => {
  if (event.detailType === 'order.paid') await countSale(event.metadata.id, event.data as never);
  else await countRefund(event.metadata.id, event.data as never);
});
