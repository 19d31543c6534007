import * as z from 'zod/mini';
import { IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';

const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const AnnouncementAudience = z.enum(['attendees', 'ticket_type', 'session', 'speakers']);

export const CreateAnnouncement = z
  .object({
    subject: Text(200),
    /** Plain text; paragraphs are kept in the mail. */
    body: Text(10_000),
    /** `attendees`: every valid ticket's attendee (the buyer while unnamed); `ticket_type` and `session` need their id. */
    audience: AnnouncementAudience,
    ticketTypeId: z.optional(Ulid),
    sessionId: z.optional(Ulid),
    /** Absent or past: sent now; ahead: sent by the scheduler when due (within a minute). */
    sendAt: z.optional(IsoDateTime),
  })
  .check(
    z.refine((b) => b.audience !== 'ticket_type' || !!b.ticketTypeId, { message: 'ticketTypeId is required for the ticket_type audience', path: ['ticketTypeId'] }),
    z.refine((b) => b.audience !== 'session' || !!b.sessionId, { message: 'sessionId is required for the session audience', path: ['sessionId'] }),
  )
  .register(z.globalRegistry, { id: 'CreateAnnouncement' });
export type CreateAnnouncementInput = z.infer<typeof CreateAnnouncement>;

export const Announcement = z
  .object({
    id: Ulid,
    eventId: Ulid,
    subject: z.string(),
    body: z.string(),
    audience: AnnouncementAudience,
    ticketTypeId: z.optional(Ulid),
    sessionId: z.optional(Ulid),
    state: z.enum(['scheduled', 'sending', 'sent']),
    sendAt: IsoDateTime,
    sentAt: z.optional(IsoDateTime),
    /** Once sent: addresses in the audience, and those SES accepted. */
    recipients: z.optional(z.int()),
    mailed: z.optional(z.int()),
    createdAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'Announcement' });
export type AnnouncementView = z.infer<typeof Announcement>;

/** What an attendee sees in their feed: the message, not who else got it. */
export const FeedItem = z
  .object({ id: Ulid, subject: z.string(), body: z.string(), audience: AnnouncementAudience, sessionId: z.optional(Ulid), sentAt: IsoDateTime })
  .register(z.globalRegistry, { id: 'AnnouncementFeedItem' });
export type FeedItemView = z.infer<typeof FeedItem>;

export const AnnouncementParams = z.object({ id: Ulid, announcementId: Ulid });
