import { db } from '#packages/core/db/service.ts';
import { sessionsCalendar, toPublicSession } from '#packages/features/agenda/index.ts';
import { acceptedMeetingsOf } from '#packages/features/networking/index.ts';
import type { AttendeeRef } from './attendee-link.ts';
import type { Slot } from './slots.ts';

/**
 * The attendee's confirmed sessions and accepted networking meetings as
 * iCalendar: their schedule item names the sessions; the sessions and rooms
 * are one Query of the event's agenda collection; the meetings two Queries.
 */
export async function personalCalendar(ref: AttendeeRef): Promise<string> {
  const [{ data: schedule }, agenda, meetings] = await Promise.all([
    db().entities.attendeeSchedule.get({ ticketId: ref.ticketId }).go(),
    db().collections.agenda({ eventId: ref.eventId }).go({ pages: 'all' }),
    acceptedMeetingsOf(ref.ticketId),
  ]);
  const mine = new Set(((schedule?.slots as Slot[] | undefined) ?? []).map((s) => s.sessionId));
  const sessions = agenda.data.session.filter((s) => mine.has(s.sessionId) && s.state === 'scheduled').map(toPublicSession);
  const rooms = new Map(agenda.data.room.map((r) => [r.roomId, r.name]));
  return sessionsCalendar('My agenda', sessions, rooms, meetings);
}
