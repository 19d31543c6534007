import ical from 'ical-generator';
import type { PublicSessionView } from './contract.ts';

/** An iCalendar (RFC 5545) of sessions; UIDs are stable per session so calendar apps update rather than duplicate. */
export function sessionsCalendar(name: string, sessions: readonly PublicSessionView[], rooms: ReadonlyMap<string, string>): string {
  const calendar = ical({ name, prodId: { company: 'eventos', product: 'agenda' } });
  for (const s of sessions) {
    calendar.createEvent({
      id: `${s.id}@eventos`,
      start: new Date(s.startsAt),
      end: new Date(s.endsAt),
      summary: s.title,
      ...(s.abstract ? { description: s.abstract } : {}),
      ...(s.roomId && rooms.get(s.roomId) ? { location: rooms.get(s.roomId)! } : {}),
    });
  }
  return calendar.toString();
}
