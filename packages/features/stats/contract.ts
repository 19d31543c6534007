import * as z from 'zod/mini';
import { IsoDateTime, Money, Ulid } from '#packages/core/common-schemas.ts';

export const EventStats = z
  .object({
    eventId: Ulid,
    ticketsSold: z.int(),
    /** Net of refunds; one entry per currency sold in. */
    revenue: z.array(Money),
    checkedIn: z.object({
      total: z.int(),
      byList: z.array(z.object({ listId: z.string(), count: z.int() })),
      byTicketType: z.array(z.object({ ticketTypeId: z.string(), count: z.int() })),
    }),
    insideNow: z.int(),
    exits: z.int(),
    /** Admissions per 5 minutes (by scan time), oldest first; empty buckets left out. */
    arrivals: z.array(z.object({ bucketStart: IsoDateTime, count: z.int() })),
    computedAt: IsoDateTime,
  })
  .register(z.globalRegistry, { id: 'EventStats' });

export type EventStatsView = z.infer<typeof EventStats>;
