import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordAttendance } from '#packages/features/contacts/record-attendance.ts';

/**
 * The buyer's contact attended the event: eventsAttended +1 and the event's
 * attendee item once per (contact, event), lastSeenAt, and a timeline line per admission.
 */
export const handler = consumerHandler(consumers.crmRecordAttendance, async ({ metadata, data }) => {
  await recordAttendance(metadata, data);
});
