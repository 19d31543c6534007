import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { mailAttendeeTicket } from '#packages/features/attendees/index.ts';

/** A named attendee's own ticket, once per (ticket, address). */
export const handler = consumerHandler(consumers.mailAttendeeTicket, async ({ data }) => {
  await mailAttendeeTicket(data);
});
