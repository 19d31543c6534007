import { accept as route } from '#packages/features/sessions/routes.ts';
import { attendeeOfToken } from '#packages/features/sessions/attendee-link.ts';
import { acceptOffer } from '#packages/features/sessions/registration.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await acceptOffer(attendeeOfToken(params.token), params.sessionId, ctx)));
