import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';
import { MEETING_STATUSES } from '#packages/core/db/entities/meeting.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const Token = z.string().check(z.minLength(10), z.maxLength(1024));

export const TokenParams = z.object({ token: Token });
export const MeetingParams = z.object({ token: Token, meetingId: Ulid });

export const NetworkingSettings = z
  .object({
    defaultQuota: z.int().check(z.minimum(0), z.maximum(1000)),
    quotas: z.optional(z.record(Ulid, z.int().check(z.minimum(0), z.maximum(1000)))),
    locations: z.optional(z.array(Text(100)).check(z.maxLength(500))),
  })
  .register(z.globalRegistry, { id: 'NetworkingSettings' });

export const ProfileInput = z
  .object({
    displayName: Text(100),
    company: z.optional(Text(200)),
    jobTitle: z.optional(Text(200)),
    bio: z.optional(z.string().check(z.trim(), z.maxLength(1000))),
    interests: z._default(z.array(Text(50)).check(z.maxLength(20)), []),
  })
  .register(z.globalRegistry, { id: 'NetworkingProfileInput' });

export const Profile = z
  .object({ ticketId: Ulid, displayName: z.string(), company: z.optional(z.string()), jobTitle: z.optional(z.string()), bio: z.optional(z.string()), interests: z.array(z.string()) })
  .register(z.globalRegistry, { id: 'NetworkingProfile' });

export const DirectoryQuery = z.object({ interest: z.optional(z.string().check(z.maxLength(50))) });

export const MeetingStatus = z.enum(MEETING_STATUSES);

export const RequestMeeting = z
  .object({
    /** The other attendee, by their directory entry's ticket id. */
    withTicketId: Ulid,
    startsAt: IsoDateTime,
    minutes: z.union([z.literal(15), z.literal(30)]),
    location: z.optional(Text(100)),
    message: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  })
  .register(z.globalRegistry, { id: 'RequestMeeting' });

export const RescheduleMeeting = z
  .object({ startsAt: IsoDateTime, minutes: z.union([z.literal(15), z.literal(30)]), location: z.optional(Text(100)) })
  .register(z.globalRegistry, { id: 'RescheduleMeeting' });

export const Meeting = z
  .object({
    id: Ulid,
    eventId: Ulid,
    requesterTicketId: Ulid,
    recipientTicketId: Ulid,
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    minutes: z.int(),
    location: z.optional(z.string()),
    message: z.optional(z.string()),
    /** A pending request whose start has passed reads `expired`. */
    status: MeetingStatus,
    rescheduledTo: z.optional(Ulid),
  })
  .register(z.globalRegistry, { id: 'Meeting' });

export const ConnectionType = z.enum(['met', 'meeting', 'exchanged_contacts']);
export const AddConnection = z.object({ withTicketId: Ulid, type: z.enum(['met', 'exchanged_contacts']) }).register(z.globalRegistry, { id: 'AddConnection' });
export const Connection = z
  .object({ ticketId: Ulid, otherTicketId: Ulid, type: ConnectionType, at: IsoDateTime, meetingId: z.optional(Ulid) })
  .register(z.globalRegistry, { id: 'Connection' });

export type ProfileInputValue = z.infer<typeof ProfileInput>;
export type RequestMeetingInput = z.infer<typeof RequestMeeting>;
export type RescheduleMeetingInput = z.infer<typeof RescheduleMeeting>;
export type MeetingView = z.infer<typeof Meeting>;
export type NetworkingSettingsInput = z.infer<typeof NetworkingSettings>;
