import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordRefundLine } from '#packages/features/timeline/record-refund-line.ts';

/** A refund shows on the buyer's timeline and comes off the buyer's lifetime value (once per event). */
export const handler = consumerHandler(consumers.crmTimelineRefund, async ({ metadata, data }) => {
  await recordRefundLine(metadata, data);
});
