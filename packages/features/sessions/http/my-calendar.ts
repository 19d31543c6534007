import { myCalendar as route } from '#packages/features/sessions/routes.ts';
import { attendeeOfToken } from '#packages/features/sessions/attendee-link.ts';
import { personalCalendar } from '#packages/features/sessions/personal-agenda.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ({
  status: 200,
  rawBody: await personalCalendar(attendeeOfToken(params.token)),
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, no-cache' },
}));
