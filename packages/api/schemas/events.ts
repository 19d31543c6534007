import * as z from 'zod/mini';
import { Currency, IsoDateTime, Timestamps, Ulid, timesInOrder } from './common.ts';

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

export const Event = z
  .object({
    id: Ulid,
    ...eventFields,
    status: EventStatus,
    holdMinutes: z.int(),
    publishedAt: z.optional(IsoDateTime),
    canceledAt: z.optional(IsoDateTime),
    ...Timestamps,
  })
  .register(z.globalRegistry, { id: 'Event' });

export type CreateEventInput = z.infer<typeof CreateEvent>;
export type UpdateEventInput = z.infer<typeof UpdateEvent>;
export type EventView = z.infer<typeof Event>;
