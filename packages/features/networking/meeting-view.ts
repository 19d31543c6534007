import type { EntityItem } from 'electrodb';
import type { meetingEntity } from '#packages/core/db/entities/meeting.ts';
import { SLOT_MINUTES } from '#packages/core/db/entities/meeting-slot.ts';
import { nowIso } from '#packages/core/clock.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { MeetingView } from './contract.ts';

export type MeetingItem = EntityItem<typeof meetingEntity>;

export const endOf = (m: Pick<MeetingItem, 'startsAt' | 'minutes'>) => new Date(Date.parse(m.startsAt) + m.minutes * 60_000).toISOString();

/** The 15-minute slots a meeting covers: the keys of its two people's slot items. */
export const slotsOf = (m: Pick<MeetingItem, 'startsAt' | 'minutes'>) =>
  Array.from({ length: m.minutes / SLOT_MINUTES }, (_, i) => new Date(Date.parse(m.startsAt) + i * SLOT_MINUTES * 60_000).toISOString());

/** Nothing writes `expired`: a pending request whose start has passed simply reads so (it holds no slot to free). */
export const effectiveStatus = (m: MeetingItem, now = nowIso()) => (m.status === 'pending' && m.startsAt <= now ? 'expired' : m.status);

export const toMeetingView = (m: MeetingItem): MeetingView =>
  definedOnly({
    id: m.meetingId,
    eventId: m.eventId,
    requesterTicketId: m.requesterTicketId,
    recipientTicketId: m.recipientTicketId,
    startsAt: m.startsAt,
    endsAt: endOf(m),
    minutes: m.minutes,
    location: m.location,
    message: m.message,
    status: effectiveStatus(m),
    rescheduledTo: m.rescheduledTo,
  }) as MeetingView;
