import { fillAttendeeForm as route } from '#packages/features/attendees/routes.ts';
import { assignAttendee } from '#packages/features/attendees/attendee-service.ts';
import { orderOfAttendeeFormToken } from '#packages/features/attendees/attendee-token.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => {
  const { orderId } = orderOfAttendeeFormToken(params.token);
  return ok(await assignAttendee(params.ticketId, body, ctx, { kind: 'buyer', orderId }));
});
