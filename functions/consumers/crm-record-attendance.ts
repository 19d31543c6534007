import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordAttendance } from '#packages/core/stats/record-attendance.ts';

/** The buyer's contact attended the event: eventsAttended +1 once per (contact, event), lastSeenAt. */
export const handler = consumerHandler(['ticket.checked_in'], async ({ data }) => {
  await recordAttendance(data);
});
