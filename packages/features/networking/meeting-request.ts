import type { RequestContext } from '#packages/core/context.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { MeetingView, RequestMeetingInput } from './contract.ts';
import { attendeeOf } from './attendee.ts';
import { checkedSlot } from './meeting-slots-check.ts';
import { toMeetingView, type MeetingItem } from './meeting-view.ts';
import { profileOf } from './profile-service.ts';
import { quotaOf } from './settings-service.ts';

/**
 * A meeting request, pending: it blocks no one's time (Brella's complaint:
 * unanswered requests holding slots). Both people must be in the directory.
 * It counts against the requester's quota (per ticket type) by a write
 * conditioned on staying within it, in the request's transaction.
 */
export async function requestMeeting(token: string, input: RequestMeetingInput, _ctx: RequestContext): Promise<MeetingView> {
  const me = await attendeeOf(token);
  if (input.withTicketId === me.ticketId) throw unprocessable('self_meeting', 'A meeting needs someone else');
  const [mine, theirs] = await Promise.all([profileOf(me.eventId, me.ticketId), profileOf(me.eventId, input.withTicketId)]);
  if (!mine) throw conflict('not_in_directory', 'Opt into the networking directory before requesting meetings');
  if (!theirs) throw notFound('Directory entry', input.withTicketId);
  const startsAt = await checkedSlot(me.eventId, input.startsAt, input.minutes, input.location);
  const quota = await quotaOf(me.eventId, me.ticketTypeId);
  const at = nowIso();
  const meeting: MeetingItem = {
    meetingId: newId(),
    eventId: me.eventId,
    requesterTicketId: me.ticketId,
    recipientTicketId: input.withTicketId,
    startsAt,
    minutes: input.minutes,
    ...(input.location ? { location: input.location } : {}),
    ...(input.message ? { message: input.message } : {}),
    status: 'pending',
    createdAt: at,
    updatedAt: at,
  };
  const tx = namedTransaction<'meeting' | 'quota'>();
  tx.add('meeting', tx.entities.meeting.create(meeting).commit()).add(
    'quota',
    tx.entities.networkingQuota
      .update({ ticketId: me.ticketId })
      .add({ sent: 1 })
      .where((a, op) => `${op.notExists(a.sent)} OR ${op.lt(a.sent, quota)}`)
      .commit(),
  );
  const result = await tx.go();
  if (result.canceled) {
    if (tx.rejected(result, 'quota')) throw conflict('quota_exhausted', `Your ticket may send ${quota} meeting requests`, { quota });
    throw conflict('concurrent_update', 'The request could not be written; try again');
  }
  return toMeetingView(meeting);
}

/** The attendee's meetings, both sides: two Queries (as requester, as recipient), by start. */
export async function myMeetings(token: string): Promise<{ items: MeetingView[] }> {
  const me = await attendeeOf(token);
  return { items: (await meetingsOf(me.ticketId)).map(toMeetingView) };
}

export async function meetingsOf(ticketId: string): Promise<MeetingItem[]> {
  const [sent, received] = await Promise.all([
    db().entities.meeting.query.byRequester({ requesterTicketId: ticketId }).go({ pages: 'all' }),
    db().entities.meeting.query.byRecipient({ recipientTicketId: ticketId }).go({ pages: 'all' }),
  ]);
  return [...sent.data, ...received.data].sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.meetingId.localeCompare(b.meetingId));
}
