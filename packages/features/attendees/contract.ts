import * as z from 'zod/mini';
import { Email, IsoDateTime, Ulid } from '#packages/core/common-schemas.ts';
import { AttendeeQuestion } from '#packages/features/ticket-types/contract.ts';

const Name = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const Optional200 = z.optional(z.string().check(z.trim(), z.maxLength(200)));

export const AttendeeInput = z
  .object({
    firstName: Name,
    lastName: Name,
    email: Email,
    company: Optional200,
    jobTitle: Optional200,
    /** Question id → answer (a choice question's answer is one of its options). */
    answers: z.optional(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(1000)))),
  })
  .register(z.globalRegistry, { id: 'AttendeeInput' });
export type AttendeeInputValue = z.infer<typeof AttendeeInput>;

export const Attendee = z
  .object({
    ticketId: Ulid,
    orderId: Ulid,
    eventId: Ulid,
    ticketTypeId: Ulid,
    status: z.enum(['valid', 'void']),
    /** Null until someone names the attendee. */
    attendee: z.nullable(
      z.object({
        firstName: z.string(),
        lastName: z.string(),
        email: z.string(),
        company: z.optional(z.string()),
        jobTitle: z.optional(z.string()),
        answers: z.record(z.string(), z.string()),
        contactId: Ulid,
      }),
    ),
    checkedIn: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Attendee' });
export type AttendeeView = z.infer<typeof Attendee>;

export const AttendeeListQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)), 25),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
  ticketTypeId: z.optional(Ulid),
  checkedIn: z.optional(z.enum(['true', 'false'])),
});

export const AttendeeList = z
  .object({ items: z.array(Attendee), nextCursor: z.nullable(z.string()) })
  .register(z.globalRegistry, { id: 'AttendeeList' });

export const AttendeeForm = z
  .object({
    orderId: Ulid,
    eventId: Ulid,
    expiresAt: IsoDateTime,
    tickets: z.array(z.extend(Attendee, { questions: z.array(AttendeeQuestion) })),
  })
  .register(z.globalRegistry, { id: 'AttendeeForm' });

export const TokenParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)) });
export const TokenTicketParams = z.object({ token: z.string().check(z.minLength(10), z.maxLength(1024)), ticketId: Ulid });
