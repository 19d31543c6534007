import { assignAttendee as route } from '#packages/features/attendees/routes.ts';
import { assignAttendee } from '#packages/features/attendees/attendee-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await assignAttendee(params.id, body, ctx, { kind: 'staff' })));
