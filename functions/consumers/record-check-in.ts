import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordCheckIn } from '#packages/core/stats/record-check-in.ts';

/** The audit record of each admitted scan or exit; created once per checkInId. */
export const handler = consumerHandler('record-check-in', ['ticket.checked_in', 'ticket.checked_out'], async ({ data }) => {
  await recordCheckIn(data);
});
