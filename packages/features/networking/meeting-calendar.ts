import { db } from '#packages/core/db/service.ts';
import { endOf } from './meeting-view.ts';

export interface CalendarEntry {
  id: string;
  start: string;
  end: string;
  summary: string;
  location?: string;
  description?: string;
}

/** An attendee's accepted meetings as calendar entries (for their iCalendar agenda), named by the other person's directory entry. */
export async function acceptedMeetingsOf(ticketId: string): Promise<CalendarEntry[]> {
  const [sent, received] = await Promise.all([
    db().entities.meeting.query.byRequester({ requesterTicketId: ticketId }).go({ pages: 'all' }),
    db().entities.meeting.query.byRecipient({ recipientTicketId: ticketId }).go({ pages: 'all' }),
  ]);
  const accepted = [...sent.data, ...received.data].filter((m) => m.status === 'accepted');
  if (!accepted.length) return [];
  const others = accepted.map((m) => ({ eventId: m.eventId, ticketId: m.requesterTicketId === ticketId ? m.recipientTicketId : m.requesterTicketId }));
  const { data: profiles } = await db().entities.networkingProfile.get(others).go();
  const names = new Map(profiles.map((p) => [p.ticketId, p.displayName]));
  return accepted.map((m, i) => ({
    id: `meeting-${m.meetingId}`,
    start: m.startsAt,
    end: endOf(m),
    summary: `Meeting with ${names.get(others[i]!.ticketId) ?? 'an attendee'}`,
    ...(m.location ? { location: m.location } : {}),
    ...(m.message ? { description: m.message } : {}),
  }));
}
