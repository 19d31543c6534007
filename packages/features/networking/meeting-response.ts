import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { MeetingView, RescheduleMeetingInput } from './contract.ts';
import { attendeeOf } from './attendee.ts';
import { checkedSlot } from './meeting-slots-check.ts';
import { effectiveStatus, endOf, slotsOf, toMeetingView, type MeetingItem } from './meeting-view.ts';

async function meetingFor(token: string, meetingId: string) {
  const me = await attendeeOf(token);
  const { data } = await db().entities.meeting.get({ meetingId }).go({ consistent: true });
  if (!data || (data.requesterTicketId !== me.ticketId && data.recipientTicketId !== me.ticketId)) throw notFound('Meeting', meetingId);
  return { me, meeting: data };
}

const notPending = (m: MeetingItem) => conflict('not_pending', `The meeting is ${effectiveStatus(m)}`, { meetingStatus: effectiveStatus(m) });

/** Frees the two people's slots of an accepted meeting (each delete conditioned on being this meeting's). */
const releaseSlots = (entities: TransactionEntities, m: MeetingItem): TransactionItem[] =>
  [m.requesterTicketId, m.recipientTicketId].flatMap((ticketId) =>
    slotsOf(m).map((slotStart) => entities.meetingSlot.delete({ ticketId, slotStart }).where((a, op) => op.eq(a.meetingId, m.meetingId)).commit()),
  );

/**
 * The recipient accepts: in ONE transaction the meeting (conditioned on still
 * pending), a slot item per person per 15 minutes it covers (each conditioned
 * on not existing: the per-person-slot lock), the connection both ways and
 * `meeting.accepted`. If either person already has an accepted meeting in
 * that time, nothing is written: 409 `requester_busy` / `recipient_busy`.
 */
export async function acceptMeeting(token: string, meetingId: string, ctx: RequestContext): Promise<MeetingView> {
  const { me, meeting } = await meetingFor(token, meetingId);
  if (meeting.recipientTicketId !== me.ticketId) throw conflict('not_recipient', 'Only the person asked can accept');
  if (meeting.status === 'accepted') return toMeetingView(meeting);
  if (effectiveStatus(meeting) !== 'pending') throw notPending(meeting);
  const outcome = await withRaceRetries(async () => {
    const at = nowIso();
    const tx = namedTransaction<'meeting' | `requester:${string}` | `recipient:${string}` | 'connections'>();
    const { entities } = tx;
    tx.add('meeting', entities.meeting.patch({ meetingId }).set({ status: 'accepted', respondedAt: at, updatedAt: at }).where((a, op) => op.eq(a.status, 'pending')).commit());
    for (const slotStart of slotsOf(meeting)) {
      tx.add(`requester:${slotStart}`, entities.meetingSlot.create({ ticketId: meeting.requesterTicketId, slotStart, meetingId, eventId: meeting.eventId }).commit());
      tx.add(`recipient:${slotStart}`, entities.meetingSlot.create({ ticketId: meeting.recipientTicketId, slotStart, meetingId, eventId: meeting.eventId }).commit());
    }
    tx.add(
      'connections',
      ...[
        [meeting.requesterTicketId, meeting.recipientTicketId],
        [meeting.recipientTicketId, meeting.requesterTicketId],
      ].map(([ticketId, otherTicketId]) => entities.connection.put({ ticketId: ticketId!, otherTicketId: otherTicketId!, type: 'meeting', eventId: meeting.eventId, at, meetingId }).commit()),
    );
    const event = domainEvent(
      'meeting.accepted',
      definedOnly({ eventId: meeting.eventId, meetingId, requesterTicketId: meeting.requesterTicketId, recipientTicketId: meeting.recipientTicketId, startsAt: meeting.startsAt, endsAt: endOf(meeting), location: meeting.location }) as never,
      ctx,
    );
    const result = await transactWithEvents(() => tx.items, [event]);
    if (!result.canceled) return toMeetingView({ ...meeting, status: 'accepted', respondedAt: at, updatedAt: at });
    if (tx.rejected(result, 'meeting')) {
      const { data } = await db().entities.meeting.get({ meetingId }).go({ consistent: true });
      if (data?.status === 'accepted') return toMeetingView(data);
      throw notPending(data ?? meeting);
    }
    const busy = (side: 'requester' | 'recipient') => slotsOf(meeting).some((s) => tx.rejected(result, `${side}:${s}`));
    if (busy('recipient')) throw conflict('recipient_busy', 'You already have a meeting in this slot');
    if (busy('requester')) throw conflict('requester_busy', 'The other person already has a meeting in this slot');
    return RETRY;
  });
  if (outcome === RETRY) throw conflict('concurrent_update', 'The meeting kept changing meanwhile; try again');
  return outcome;
}

/** A status change of one side, conditioned on the status it leaves; an accepted meeting's slots are freed with it. */
async function close(
  meeting: MeetingItem,
  status: 'declined' | 'canceled' | 'rescheduled',
  extra: (entities: TransactionEntities) => TransactionItem[] = () => [],
  rescheduledTo?: string,
): Promise<void> {
  const at = nowIso();
  const result = await db()
    .transaction.write((entities) => [
      entities.meeting
        .patch({ meetingId: meeting.meetingId })
        .set({ status, respondedAt: at, updatedAt: at, ...(rescheduledTo ? { rescheduledTo } : {}) })
        .where((a, op) => op.eq(a.status, meeting.status))
        .commit(),
      ...(meeting.status === 'accepted' ? releaseSlots(entities, meeting) : []),
      ...extra(entities),
    ])
    .go();
  if (result.canceled) throw conflict('concurrent_update', 'The meeting changed meanwhile; read it and try again');
}

export async function declineMeeting(token: string, meetingId: string): Promise<MeetingView> {
  const { me, meeting } = await meetingFor(token, meetingId);
  if (meeting.recipientTicketId !== me.ticketId) throw conflict('not_recipient', 'Only the person asked can decline');
  if (effectiveStatus(meeting) !== 'pending') throw notPending(meeting);
  await close(meeting, 'declined');
  return toMeetingView({ ...meeting, status: 'declined' });
}

/** Either side cancels a pending or accepted meeting; an accepted one frees both people's slots. */
export async function cancelMeeting(token: string, meetingId: string): Promise<MeetingView> {
  const { meeting } = await meetingFor(token, meetingId);
  if (meeting.status !== 'accepted' && effectiveStatus(meeting) !== 'pending') throw notPending(meeting);
  await close(meeting, 'canceled');
  return toMeetingView({ ...meeting, status: 'canceled' });
}

/**
 * Either side proposes another time: the meeting becomes `rescheduled`
 * (freeing its slots if it was accepted) and a new pending request, from the
 * proposer to the other, is written in the same transaction. It takes no
 * quota: it answers a request already counted.
 */
export async function rescheduleMeeting(token: string, meetingId: string, input: RescheduleMeetingInput): Promise<MeetingView> {
  const { me, meeting } = await meetingFor(token, meetingId);
  if (meeting.status !== 'accepted' && effectiveStatus(meeting) !== 'pending') throw notPending(meeting);
  const startsAt = await checkedSlot(meeting.eventId, input.startsAt, input.minutes, input.location ?? meeting.location);
  const other = meeting.requesterTicketId === me.ticketId ? meeting.recipientTicketId : meeting.requesterTicketId;
  const at = nowIso();
  const next: MeetingItem = definedOnly({
    meetingId: newId(),
    eventId: meeting.eventId,
    requesterTicketId: me.ticketId,
    recipientTicketId: other,
    startsAt,
    minutes: input.minutes,
    location: input.location ?? meeting.location,
    message: meeting.message,
    status: 'pending' as const,
    createdAt: at,
    updatedAt: at,
  }) as MeetingItem;
  await close(meeting, 'rescheduled', (entities) => [entities.meeting.create(next).commit()], next.meetingId);
  return toMeetingView(next);
}
