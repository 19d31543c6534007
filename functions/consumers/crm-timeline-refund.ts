import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordRefundLine } from '#packages/core/timeline/record-refund-line.ts';

/** A refund shows on the buyer's timeline. */
export const handler = consumerHandler('crm-timeline-refund', ['order.refunded'], async ({ metadata, data }) => {
  await recordRefundLine(data, metadata.occurredAt);
});
