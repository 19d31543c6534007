import { db } from '#packages/core/db/service.ts';
import { sessionsCalendar, toPublicSession } from '#packages/features/agenda/index.ts';
import type { AttendeeRef } from './attendee-link.ts';
import type { Slot } from './slots.ts';

/** The attendee's confirmed sessions as iCalendar: their schedule item names them; the sessions and rooms are one Query of the event's agenda collection. */
export async function personalCalendar(ref: AttendeeRef): Promise<string> {
  const [{ data: schedule }, agenda] = await Promise.all([
    db().entities.attendeeSchedule.get({ ticketId: ref.ticketId }).go(),
    db().collections.agenda({ eventId: ref.eventId }).go({ pages: 'all' }),
  ]);
  const mine = new Set(((schedule?.slots as Slot[] | undefined) ?? []).map((s) => s.sessionId));
  const sessions = agenda.data.session.filter((s) => mine.has(s.sessionId) && s.state === 'scheduled').map(toPublicSession);
  const rooms = new Map(agenda.data.room.map((r) => [r.roomId, r.name]));
  return sessionsCalendar('My agenda', sessions, rooms);
}
