import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { countAttendance } from '#packages/core/stats/count-attendance.ts';

/** Entries and exits into the sharded live counters; once per checkInId. */
export const handler = consumerHandler('count-attendance', ['ticket.checked_in', 'ticket.checked_out'], async ({ data }) => {
  await countAttendance(data);
});
