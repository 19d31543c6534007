import type { EntityItem } from 'electrodb';
import type { roomEntity } from '#packages/core/db/entities/room.ts';
import type { sessionEntity } from '#packages/core/db/entities/session.ts';
import type { sessionSeatsEntity } from '#packages/core/db/entities/session-seats.ts';
import type { PublicSessionView, RoomView, SessionView } from './contract.ts';

export type SessionItem = EntityItem<typeof sessionEntity>;
export type RoomItem = EntityItem<typeof roomEntity>;
export type SeatsItem = EntityItem<typeof sessionSeatsEntity>;

export function toRoomView({ roomId, ...rest }: RoomItem): RoomView {
  return { id: roomId, ...rest };
}

export function toSessionView({ sessionId, speakerIds, ...rest }: SessionItem, seats?: SeatsItem | null): SessionView {
  return {
    id: sessionId,
    ...rest,
    speakerIds: speakerIds ?? [],
    ...(seats ? { seats: { capacity: seats.capacity, confirmed: seats.taken, waiting: seats.waiting, attended: seats.attended } } : {}),
  } as SessionView;
}

export function toPublicSession(s: SessionItem): PublicSessionView {
  return {
    id: s.sessionId,
    title: s.title,
    ...(s.abstract ? { abstract: s.abstract } : {}),
    ...(s.track ? { track: s.track } : {}),
    ...(s.roomId ? { roomId: s.roomId } : {}),
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    ...(s.format ? { format: s.format } : {}),
    ...(s.level ? { level: s.level } : {}),
    ...(s.capacity ? { capacity: s.capacity } : {}),
    speakerIds: s.speakerIds ?? [],
  };
}
