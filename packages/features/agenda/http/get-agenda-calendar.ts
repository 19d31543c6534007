import { getAgendaCalendar as route } from '#packages/features/agenda/routes.ts';
import { sessionsCalendar } from '#packages/features/agenda/calendar.ts';
import { publishedAgenda } from '#packages/features/agenda/schedule-versions.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

// The release's ETag (its own for the calendar form); the stack adds Cache-Control and answers 304 (the route's `cache`).
export const handler = httpHandler(route, async ({ params }) => {
  const { agenda, etag } = await publishedAgenda(params.id);
  const rooms = new Map(agenda.rooms.map((r) => [r.id, r.name]));
  const ics = sessionsCalendar(`Agenda v${agenda.version}`, agenda.sessions, rooms);
  return { status: 200, rawBody: ics, headers: { 'content-type': 'text/calendar; charset=utf-8', etag: etag.replace(/"$/, '-ics"') } };
});
