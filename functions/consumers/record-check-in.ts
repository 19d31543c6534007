import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordCheckIn } from '#packages/features/stats/record-check-in.ts';

/** The audit record of each admitted scan or exit; created once per checkInId. */
export const handler = consumerHandler(consumers.recordCheckIn, async ({ data }) => {
  await recordCheckIn(data);
});
