import { register as route } from '#packages/features/sessions/routes.ts';
import { attendeeOfToken } from '#packages/features/sessions/attendee-link.ts';
import { register } from '#packages/features/sessions/registration.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  const { view, created: isNew } = await register(attendeeOfToken(params.token), params.sessionId, ctx);
  return isNew ? created(view) : ok(view);
});
