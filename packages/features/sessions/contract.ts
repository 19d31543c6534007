import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

export const RegistrationState = z.enum(['confirmed', 'waitlisted', 'offered', 'canceled', 'expired']);

export const Registration = z
  .object({
    sessionId: Ulid,
    ticketId: Ulid,
    eventId: Ulid,
    state: RegistrationState,
    /** Waitlist position (1 = next in line) while waitlisted; 0 otherwise. */
    position: z.int(),
    /** While offered: the seat is held until then (accept or decline before). */
    offerExpiresAt: z.optional(IsoDateTime),
    reason: z.optional(z.string()),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'SessionRegistration' });
export type RegistrationView = z.infer<typeof Registration>;

export const TokenParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)) });
export const TokenSessionParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)), sessionId: Ulid });

export const SessionCheckInInput = z
  .object({ code: z.string().check(z.minLength(1), z.maxLength(200)), deviceId: z.string().check(z.minLength(1), z.maxLength(100)) })
  .register(z.globalRegistry, { id: 'SessionCheckInInput' });

export const SessionCheckIn = z
  .object({
    sessionId: Ulid,
    ticketId: Ulid,
    eventId: Ulid,
    deviceId: z.string(),
    scannedAt: IsoDateTime,
    attendee: z.object({ name: z.string(), email: z.string() }),
  })
  .register(z.globalRegistry, { id: 'SessionCheckIn' });

export const RegistrantsQuery = z.object({ state: z.optional(RegistrationState) });

export const AttendeeLink = z
  .object({ ticketId: Ulid, token: z.string(), url: z.string(), calendarUrl: z.string() })
  .register(z.globalRegistry, { id: 'AttendeeLink' });
