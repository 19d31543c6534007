import * as z from 'zod/mini';
import { Currency, IsoDateTime, Timestamps, Revision, Ulid, timesInOrder } from '#packages/core/common-schemas.ts';

const startsBeforeEnds = timesInOrder('startsAt', 'endsAt');

const eventFields = {
  venueId: Ulid,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  description: z.optional(z.string().check(z.maxLength(10_000))),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  currency: Currency,
  totalCapacity: z.optional(z.int().check(z.minimum(1))),
  /** How long an unpaid order holds its seats (default 15). */
  holdMinutes: z.optional(z.int().check(z.minimum(1), z.maximum(120))),
};

export const CreateEvent = z.object(eventFields).check(startsBeforeEnds).register(z.globalRegistry, { id: 'CreateEvent' });

export const UpdateEvent = z
  .partial(z.object(eventFields))
  .check(startsBeforeEnds)
  .register(z.globalRegistry, { id: 'UpdateEvent' });

export const EventStatus = z.enum(['draft', 'published', 'canceled']);

/** Progress of a canceled event's job: pending orders canceled, paid orders refunded and their buyers emailed. */
export const EventCancellation = z
  .object({
    /** `running` until every order is settled, then `done`. */
    status: z.enum(['running', 'done']),
    /** While running: `pending` (canceling unpaid orders), `paid` (refunding and emailing), `finish` (settling what is left). */
    phase: z.optional(z.enum(['pending', 'paid', 'finish'])),
    /** Pending orders the job canceled (seats released); may undercount after a crash, never overcounts. */
    pendingCanceled: z.int(),
    /** Paid orders met so far. */
    ordersFound: z.int(),
    /** Paid orders to refund, once the job has listed them all. */
    ordersTotal: z.optional(z.int()),
    refunded: z.int(),
    /** Refunds that failed for good (a human must look); buyers are still told. */
    failed: z.int(),
    emailed: z.int(),
    emailFailed: z.int(),
    /** Emails SES may or may not have sent (a run died in between): never resent. */
    emailUnknown: z.int(),
    startedAt: IsoDateTime,
    completedAt: z.optional(IsoDateTime),
    /** Why the job is waiting (e.g. the payment provider is unavailable) and when it tries again. */
    lastError: z.optional(z.string()),
    nextAttemptAt: z.optional(IsoDateTime),
  })
  .register(z.globalRegistry, { id: 'EventCancellation' });

export const Event = z
  .object({
    id: Ulid,
    ...eventFields,
    status: EventStatus,
    holdMinutes: z.int(),
    publishedAt: z.optional(IsoDateTime),
    canceledAt: z.optional(IsoDateTime),
    /** On a canceled event: the progress of its refunds and emails. */
    cancellation: z.optional(EventCancellation),
    ...Timestamps,
    ...Revision,
  })
  .register(z.globalRegistry, { id: 'Event' });

export type CreateEventInput = z.infer<typeof CreateEvent>;
export type UpdateEventInput = z.infer<typeof UpdateEvent>;
export type EventView = z.infer<typeof Event>;
export type EventCancellationView = z.infer<typeof EventCancellation>;
