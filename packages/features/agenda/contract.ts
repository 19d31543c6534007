import * as z from 'zod/mini';
import { IsoDateTime, Timestamps, Ulid, timesInOrder } from '#packages/core/common-schemas.ts';
import { PublicExhibitor } from '#packages/features/exhibitors/contract.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const CreateRoom = z
  .object({ name: Text(200), capacity: z.optional(z.int().check(z.minimum(1))) })
  .register(z.globalRegistry, { id: 'CreateRoom' });
export const Room = z
  .object({ id: Ulid, eventId: Ulid, name: z.string(), capacity: z.optional(z.int()), ...Timestamps })
  .register(z.globalRegistry, { id: 'Room' });

export const SessionState = z.enum(['draft', 'scheduled', 'canceled']);

const sessionFields = {
  title: Text(300),
  abstract: z.optional(z.string().check(z.maxLength(10_000))),
  track: z.optional(Text(100)),
  roomId: z.optional(Ulid),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  /** Seats for registration; absent: open to every ticket holder, no registration. */
  capacity: z.optional(z.int().check(z.minimum(1), z.maximum(100_000))),
  format: z.optional(Text(50)),
  level: z.optional(Text(50)),
  /** Only these ticket types may register (a workshop add-on); empty or absent: all. */
  ticketTypeIds: z.optional(z.array(Ulid).check(z.maxLength(50))),
};

export const CreateSession = z
  .object({ ...sessionFields, state: z.optional(z.enum(['draft', 'scheduled'])) })
  .check(timesInOrder('startsAt', 'endsAt'))
  .register(z.globalRegistry, { id: 'CreateSession' });

export const UpdateSession = z
  .partial(z.object({ ...sessionFields, state: SessionState }))
  .check(timesInOrder('startsAt', 'endsAt'))
  .register(z.globalRegistry, { id: 'UpdateSession' });

export const Seats = z.object({ capacity: z.int(), confirmed: z.int(), waiting: z.int(), attended: z.int() });

export const Session = z
  .object({
    id: Ulid,
    eventId: Ulid,
    ...sessionFields,
    state: SessionState,
    speakerIds: z.array(Ulid),
    /** Seat counts (`capacity` 0: an open session, no registration) and session check-ins. */
    seats: z.optional(Seats),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Session' });

export const SessionParams = z.object({ id: Ulid, sessionId: Ulid });

export const ChangelogEntry = z.object({
  sessionId: Ulid,
  title: z.string(),
  change: z.enum(['added', 'moved', 'canceled', 'removed', 'changed']),
  from: z.optional(z.object({ startsAt: z.string(), endsAt: z.string(), roomId: z.optional(z.string()) })),
  to: z.optional(z.object({ startsAt: z.string(), endsAt: z.string(), roomId: z.optional(z.string()) })),
});

export const PublishSchedule = z
  .object({ comment: z.optional(z.string().check(z.maxLength(1000))) })
  .register(z.globalRegistry, { id: 'PublishSchedule' });

/** An exhibitor's profile or booth added, changed or removed between two releases. */
export const ExhibitorChange = z.object({ exhibitorId: Ulid, name: z.string(), change: z.enum(['added', 'changed', 'removed']) });

export const ScheduleVersion = z
  .object({
    eventId: Ulid,
    version: z.int(),
    publishedAt: IsoDateTime,
    comment: z.optional(z.string()),
    changelog: z.array(ChangelogEntry),
    exhibitorChanges: z.optional(z.array(ExhibitorChange)),
  })
  .register(z.globalRegistry, { id: 'ScheduleVersion' });

export const PublicSession = z.object({
  id: Ulid,
  title: z.string(),
  abstract: z.optional(z.string()),
  track: z.optional(z.string()),
  roomId: z.optional(z.string()),
  startsAt: z.string(),
  endsAt: z.string(),
  format: z.optional(z.string()),
  level: z.optional(z.string()),
  capacity: z.optional(z.int()),
  speakerIds: z.array(z.string()),
});
export type PublicSessionView = z.infer<typeof PublicSession>;

/** A speaker who consents to publish, as a release shows them. */
export const PublicSpeaker = z.object({
  id: Ulid,
  name: z.string(),
  tagline: z.optional(z.string()),
  bio: z.optional(z.string()),
  expertise: z.array(z.string()),
  links: z.array(z.string()),
  headshotUrl: z.optional(z.string()),
  sessionIds: z.array(Ulid),
});
export type PublicSpeakerView = z.infer<typeof PublicSpeaker>;

export const Agenda = z
  .object({
    eventId: Ulid,
    version: z.int(),
    publishedAt: IsoDateTime,
    rooms: z.array(z.object({ id: Ulid, name: z.string() })),
    sessions: z.array(PublicSession),
    speakers: z.array(PublicSpeaker),
    /** The exhibitors' public profiles and booths as this release carries them. */
    exhibitors: z.array(PublicExhibitor),
    changelog: z.array(ChangelogEntry),
    exhibitorChanges: z.array(ExhibitorChange),
  })
  .register(z.globalRegistry, { id: 'Agenda' });

export type CreateRoomInput = z.infer<typeof CreateRoom>;
export type RoomView = z.infer<typeof Room>;
export type CreateSessionInput = z.infer<typeof CreateSession>;
export type UpdateSessionInput = z.infer<typeof UpdateSession>;
export type SessionView = z.infer<typeof Session>;
export type ChangelogEntryView = z.infer<typeof ChangelogEntry>;
export type ExhibitorChangeView = z.infer<typeof ExhibitorChange>;
export type AgendaView = z.infer<typeof Agenda>;
export type ScheduleVersionView = z.infer<typeof ScheduleVersion>;
