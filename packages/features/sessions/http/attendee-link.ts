import { attendeeLink as route } from '#packages/features/sessions/routes.ts';
import { attendeeLinkFor } from '#packages/features/sessions/attendee-links.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await attendeeLinkFor(params.id)));
