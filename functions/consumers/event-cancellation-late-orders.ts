import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { settleLatePaidOrder } from '#packages/features/events/cancellation/late-orders.ts';

/** Refunds and emails an order paid for an event that is already canceled (late-orders.ts). */
export const handler = consumerHandler(consumers.eventCancellationLateOrders, async ({ data, metadata }) => {
  await settleLatePaidOrder(data, { correlationId: metadata.correlationId });
});
