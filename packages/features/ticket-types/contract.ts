import * as z from 'zod/mini';
import { IsoDateTime, Money, Timestamps, Revision, Ulid, timesInOrder } from '#packages/core/common-schemas.ts';

const salesWindowInOrder = timesInOrder('salesStartAt', 'salesEndAt');

/** A question every attendee of the type answers (pretix-style); `options` makes it a choice. */
export const AttendeeQuestion = z.object({
  id: z.string().check(z.regex(/^[a-z0-9_]{1,40}$/, 'must be a short machine word')),
  label: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  required: z.optional(z.boolean()),
  options: z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(100))).check(z.minLength(1), z.maxLength(50))),
});
export type AttendeeQuestionView = z.infer<typeof AttendeeQuestion>;

const ticketTypeFields = {
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z.optional(z.string().check(z.maxLength(5_000))),
  price: Money,
  capacity: z.int().check(z.minimum(0)),
  maxPerOrder: z.int().check(z.minimum(1), z.maximum(100)),
  salesStartAt: z.optional(IsoDateTime),
  salesEndAt: z.optional(IsoDateTime),
  /** Sold only through a promoter link that unlocks it (the link's `ticketTypeIds`); hidden from the public availability. */
  promoterOnly: z.optional(z.boolean()),
  attendeeQuestions: z.optional(z.array(AttendeeQuestion).check(z.maxLength(20))),
};

/** A ticket type that says nothing lets one order hold up to 10 of it (documented default, not a required field). */
export const DEFAULT_MAX_PER_ORDER = 10;

export const CreateTicketType = z
  .object({ ...ticketTypeFields, maxPerOrder: z._default(ticketTypeFields.maxPerOrder, DEFAULT_MAX_PER_ORDER) })
  .check(salesWindowInOrder)
  .register(z.globalRegistry, { id: 'CreateTicketType' });

export const UpdateTicketType = z
  .partial(z.object(ticketTypeFields))
  .check(salesWindowInOrder)
  .register(z.globalRegistry, { id: 'UpdateTicketType' });

export const TicketType = z
  .object({ id: Ulid, eventId: Ulid, ...ticketTypeFields, ...Timestamps, ...Revision })
  .register(z.globalRegistry, { id: 'TicketType' });

export const TicketTypeParams = z.object({ id: Ulid, ticketTypeId: Ulid });

export type CreateTicketTypeInput = z.infer<typeof CreateTicketType>;
export type UpdateTicketTypeInput = z.infer<typeof UpdateTicketType>;
export type TicketTypeView = z.infer<typeof TicketType>;
