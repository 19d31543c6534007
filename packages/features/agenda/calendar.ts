import ical from 'ical-generator';
import type { PublicSessionView } from './contract.ts';

/** Something else on a personal agenda (a networking meeting): its own stable id. */
export interface ExtraCalendarEntry {
  id: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
}

/** An iCalendar (RFC 5545) of sessions (and `extra` entries); UIDs are stable per entry so calendar apps update rather than duplicate. */
export function sessionsCalendar(name: string, sessions: readonly PublicSessionView[], rooms: ReadonlyMap<string, string>, extra: readonly ExtraCalendarEntry[] = []): string {
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
  for (const e of extra) {
    calendar.createEvent({
      id: `${e.id}@eventos`,
      start: new Date(e.start),
      end: new Date(e.end),
      summary: e.summary,
      ...(e.description ? { description: e.description } : {}),
      ...(e.location ? { location: e.location } : {}),
    });
  }
  return calendar.toString();
}
