import { getAttendeeForm as route } from '#packages/features/attendees/routes.ts';
import { attendeeForm } from '#packages/features/attendees/attendee-queries.ts';
import { orderOfAttendeeFormToken } from '#packages/features/attendees/attendee-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  const { orderId, expiresAt } = orderOfAttendeeFormToken(params.token);
  return ok({ ...(await attendeeForm(orderId)), expiresAt });
});
