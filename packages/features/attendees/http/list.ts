import { listAttendees as route } from '#packages/features/attendees/routes.ts';
import { listAttendees } from '#packages/features/attendees/attendee-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listAttendees(params.id, query)));
