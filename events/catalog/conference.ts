import * as z from 'zod/mini';
import { entry, type CatalogEntry } from './shapes.ts';

/** Attendees, sessions and feedback. */
export const conferenceCatalog = {
  'attendee.assigned': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "A ticket was given its named attendee (by the buyer's signed link or by staff), or the attendee changed. `contactId` is the attendee's contact (deduplicated by email); the ticket is mailed to `email`.",
    data: () => z.object({
      ticketId: z.string(),
      eventId: z.string(),
      orderId: z.string(),
      ticketTypeId: z.string(),
      contactId: z.string(),
      email: z.string(),
      name: z.string(),
      assignedBy: z.enum(['buyer', 'staff']),
    }),
    example: {
      ticketId: '01JD0000000000000000000010',
      eventId: '01JD0000000000000000000001',
      orderId: '01JD0000000000000000000002',
      ticketTypeId: '01JD0000000000000000000005',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      name: 'Ana Ruiz',
      assignedBy: 'buyer',
    },
  }),
  'session.rescheduled': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "A scheduled session moved (times) or was canceled. Its registrations are re-checked: an attendee whose confirmed sessions now overlap loses this one (the seat goes to the waitlist) and is told.",
    data: () => z.object({
      eventId: z.string(),
      sessionId: z.string(),
      startsAt: z.iso.datetime(),
      endsAt: z.iso.datetime(),
      state: z.enum(['draft', 'scheduled', 'canceled']),
    }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', startsAt: '2026-12-01T10:00:00.000Z', endsAt: '2026-12-01T11:00:00.000Z', state: 'scheduled' },
  }),
  'session.registered': entry({
    source: 'eventos.conference',
    version: 1,
    description: 'A ticket holder registered for a session: `confirmed` (a seat) or `waitlisted` (with its position).',
    data: () => z.object({
      eventId: z.string(),
      sessionId: z.string(),
      ticketId: z.string(),
      contactId: z.optional(z.string()),
      status: z.enum(['confirmed', 'waitlisted']),
      position: z.optional(z.int()),
    }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', ticketId: '01JD0000000000000000000010', contactId: '01JD0000000000000000000003', status: 'confirmed' },
  }),
  'session.seat_released': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      'A seat of a session came free (a confirmed registration canceled, an offer declined or expired, a schedule conflict): the next waitlisted attendee, if any, is offered it.',
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), reason: z.enum(['canceled', 'offer_declined', 'offer_expired', 'schedule_conflict']) }),
    example: { eventId: '01JD0000000000000000000001', sessionId: '01JD0000000000000000000050', ticketId: '01JD0000000000000000000010', reason: 'canceled' },
  }),
  'session.waitlist_promoted': entry({
    source: 'eventos.conference',
    version: 1,
    description: 'The first waitlisted attendee of a session was offered a freed seat, held for them until `offerExpiresAt`.',
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), contactId: z.optional(z.string()), position: z.int(), offerExpiresAt: z.iso.datetime() }),
    example: {
      eventId: '01JD0000000000000000000001',
      sessionId: '01JD0000000000000000000050',
      ticketId: '01JD0000000000000000000011',
      contactId: '01JD0000000000000000000004',
      position: 1,
      offerExpiresAt: '2026-12-01T09:00:00.000Z',
    },
  }),
  'session.checked_in': entry({
    source: 'eventos.conference',
    version: 1,
    description: "A ticket was admitted at a session's door (the session's own check-in list); counted once per ticket and session.",
    data: () => z.object({ eventId: z.string(), sessionId: z.string(), ticketId: z.string(), contactId: z.optional(z.string()), email: z.string(), scannedAt: z.iso.datetime() }),
    example: {
      eventId: '01JD0000000000000000000001',
      sessionId: '01JD0000000000000000000050',
      ticketId: '01JD0000000000000000000010',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      scannedAt: '2026-12-01T10:02:00.000Z',
    },
  }),
  'feedback.submitted': entry({
    source: 'eventos.conference',
    version: 1,
    description: "An attendee gave (or changed) feedback on a session or the event. `target` is the session's id or `event`.",
    data: () => z.object({
      eventId: z.string(),
      target: z.string(),
      ticketId: z.string(),
      contactId: z.optional(z.string()),
      email: z.string(),
      rating: z.optional(z.int()),
      nps: z.optional(z.int()),
      submittedAt: z.iso.datetime(),
    }),
    example: {
      eventId: '01JD0000000000000000000001',
      target: 'event',
      ticketId: '01JD0000000000000000000010',
      contactId: '01JD0000000000000000000003',
      email: 'ana@example.com',
      rating: 5,
      nps: 9,
      submittedAt: '2026-12-01T18:00:00.000Z',
    },
  }),
  'announcement.requested': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "An announcement is due (created to go now, or its scheduled time came): consumer `announcement-send` mails each recipient of its audience once. Delivered twice, it mails nobody twice.",
    data: () => z.object({ eventId: z.string(), announcementId: z.string() }),
    example: { eventId: '01JD0000000000000000000001', announcementId: '01JD0000000000000000000070' },
  }),
  'announcement.sent': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      'Every recipient of an announcement is settled: `mailed` of `recipients` addresses accepted by SES (the rest refused for good or of unknown outcome, never resent). Emitted once per announcement.',
    data: () => z.object({
      eventId: z.string(),
      announcementId: z.string(),
      audience: z.enum(['attendees', 'ticket_type', 'session', 'speakers']),
      recipients: z.int(),
      mailed: z.int(),
      sentAt: z.iso.datetime(),
    }),
    example: { eventId: '01JD0000000000000000000001', announcementId: '01JD0000000000000000000070', audience: 'attendees', recipients: 120, mailed: 120, sentAt: '2026-12-01T08:00:00.000Z' },
  }),
  'speaker.invited': entry({
    source: 'eventos.conference',
    version: 1,
    description:
      "A speaker was invited to an event (or invited again while not confirmed): consumer `mail-speaker-invitation` mails them their signed link, once per speaker and event ever.",
    data: () => z.object({ eventId: z.string(), speakerId: z.string(), email: z.string(), name: z.string() }),
    example: { eventId: '01JD0000000000000000000001', speakerId: '01JD0000000000000000000003', email: 'kim@example.com', name: 'Kim Park' },
  }),
} satisfies Record<string, CatalogEntry>;
