import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { countAttendance } from '#packages/features/stats/count-attendance.ts';

/** Entries and exits into the sharded live counters; once per checkInId. */
export const handler = consumerHandler(consumers.countAttendance, async ({ data }) => {
  await countAttendance(data);
});
