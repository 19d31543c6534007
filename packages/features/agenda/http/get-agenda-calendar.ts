import { getAgendaCalendar as route } from '#packages/features/agenda/routes.ts';
import { sessionsCalendar } from '#packages/features/agenda/calendar.ts';
import { publishedAgenda } from '#packages/features/agenda/schedule-versions.ts';
import { cachedPublic } from '#packages/http/cached-public.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, event }) => {
  const { agenda, etag } = await publishedAgenda(params.id);
  const rooms = new Map(agenda.rooms.map((r) => [r.id, r.name]));
  const ics = sessionsCalendar(`Agenda v${agenda.version}`, agenda.sessions, rooms);
  return cachedPublic(event, etag.replace(/"$/, '-ics"'), { status: 200, rawBody: ics, headers: { 'content-type': 'text/calendar; charset=utf-8' } });
});
