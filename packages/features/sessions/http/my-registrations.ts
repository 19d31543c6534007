import { myRegistrations as route } from '#packages/features/sessions/routes.ts';
import { attendeeOfToken } from '#packages/features/sessions/attendee-link.ts';
import { registrationsOf } from '#packages/features/sessions/registration.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await registrationsOf(attendeeOfToken(params.token)) }));
