import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { definedOnly } from '#packages/core/views.ts';
import type { CreateRoomInput, CreateSessionInput, RoomView, SessionView, UpdateSessionInput } from './contract.ts';
import { toRoomView, toSessionView, type SessionItem } from './session-view.ts';

async function eventWindow(eventId: string) {
  const { data } = await db().entities.event.get({ eventId }).go();
  if (!data) throw notFound('Event', eventId);
  return data;
}

function insideEvent(event: { startsAt: string; endsAt: string }, startsAt: string, endsAt: string) {
  if (Date.parse(startsAt) < Date.parse(event.startsAt) || Date.parse(endsAt) > Date.parse(event.endsAt)) {
    throw unprocessable('outside_event', 'A session must start and end inside its event', {
      errors: [{ path: 'body.startsAt', message: `must be within ${event.startsAt} and ${event.endsAt}` }],
    });
  }
}

async function roomMustExist(eventId: string, roomId: string | undefined) {
  if (!roomId) return;
  const { data } = await db().entities.room.get({ eventId, roomId }).go();
  if (!data) throw unprocessable('room_not_found', `Room ${roomId} is not a room of this event`, { errors: [{ path: 'body.roomId', message: 'must be a room of this event' }] });
}

export async function createRoom(eventId: string, input: CreateRoomInput): Promise<RoomView> {
  await eventWindow(eventId);
  const { data } = await db().entities.room.create({ eventId, roomId: newId(), ...input }).go();
  return toRoomView(data);
}

export async function listRooms(eventId: string): Promise<RoomView[]> {
  await eventWindow(eventId);
  const { data } = await db().entities.room.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toRoomView);
}

export async function createSession(eventId: string, input: CreateSessionInput): Promise<SessionView> {
  const event = await eventWindow(eventId);
  const startsAt = toUtc(input.startsAt);
  const endsAt = toUtc(input.endsAt);
  insideEvent(event, startsAt, endsAt);
  await roomMustExist(eventId, input.roomId);
  const at = nowIso();
  const item: SessionItem = {
    ...input,
    eventId,
    sessionId: newId(),
    startsAt,
    endsAt,
    state: input.state ?? 'draft',
    speakerIds: [],
    createdAt: at,
    updatedAt: at,
  } as SessionItem;
  // Every session counts its attendance; capacity 0 marks an open session (no registration).
  const seats = { sessionId: item.sessionId, eventId, capacity: input.capacity ?? 0, taken: 0, waiting: 0, seq: 0, attended: 0 };
  await db()
    .transaction.write((e) => [e.session.create(item).commit(), e.sessionSeats.create(seats).commit()])
    .go();
  return toSessionView(item, seats);
}

export async function readSession(eventId: string, sessionId: string, consistent = false): Promise<SessionItem> {
  const { data } = await db().entities.session.get({ eventId, sessionId }).go({ consistent });
  if (!data) throw notFound('Session', sessionId);
  return data;
}

export async function getSession(eventId: string, sessionId: string): Promise<SessionView> {
  const [session, seats] = await Promise.all([readSession(eventId, sessionId), db().entities.sessionSeats.get({ sessionId }).go({ consistent: true })]);
  return toSessionView(session, seats.data);
}

export async function listSessions(eventId: string): Promise<SessionView[]> {
  await eventWindow(eventId);
  const { data } = await db().entities.session.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.sessionId.localeCompare(b.sessionId)).map((s) => toSessionView(s));
}

const NEXT_STATES: Record<SessionItem['state'], readonly SessionItem['state'][]> = {
  draft: ['draft', 'scheduled', 'canceled'],
  scheduled: ['scheduled', 'canceled'],
  canceled: ['canceled'],
};

/**
 * Changes a session. The write is conditioned on `updatedAt` as read (two
 * editors cannot lose each other's change) and, for a scheduled session whose
 * times move or which is canceled, carries `session.rescheduled`: its
 * registrations are re-checked for overlaps by a consumer.
 */
export async function updateSession(eventId: string, sessionId: string, input: UpdateSessionInput, ctx: RequestContext): Promise<SessionView> {
  const current = await readSession(eventId, sessionId, true);
  const state = input.state ?? current.state;
  if (!NEXT_STATES[current.state].includes(state)) {
    throw conflict('invalid_state_change', `A ${current.state} session cannot become ${state}`, { state: current.state });
  }
  const startsAt = input.startsAt ? toUtc(input.startsAt) : current.startsAt;
  const endsAt = input.endsAt ? toUtc(input.endsAt) : current.endsAt;
  if (Date.parse(startsAt) >= Date.parse(endsAt)) throw unprocessable('invalid_times', 'endsAt must be after startsAt', { errors: [{ path: 'body.endsAt', message: 'must be after startsAt' }] });
  insideEvent(await eventWindow(eventId), startsAt, endsAt);
  await roomMustExist(eventId, input.roomId);
  if (current.capacity && input.capacity === undefined && 'capacity' in input) throw unprocessable('capacity_required', 'A session with registration keeps a capacity');
  const at = nowIso();
  const set = definedOnly({ ...input, startsAt, endsAt, state, updatedAt: at });
  const moved = current.state === 'scheduled' && (startsAt !== current.startsAt || endsAt !== current.endsAt || state === 'canceled');
  const events = moved ? [domainEvent('session.rescheduled', { eventId, sessionId, startsAt, endsAt, state }, ctx)] : [];
  const result = await transactWithEvents(
    (e) => [
      e.session
        .patch({ eventId, sessionId })
        .set(set)
        .where((a, op) => op.eq(a.updatedAt, current.updatedAt))
        .commit(),
      ...(input.capacity ? [e.sessionSeats.patch({ sessionId }).set({ capacity: input.capacity }).commit()] : []),
    ],
    events,
  );
  if (result.canceled) throw conflict('concurrent_update', 'The session changed meanwhile; read it again');
  return getSession(eventId, sessionId);
}
