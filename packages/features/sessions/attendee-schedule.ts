import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import type { Slot } from './slots.ts';

export interface ScheduleRead {
  ticketId: string;
  eventId: string;
  slots: Slot[];
  /** null: no item yet. */
  rev: number | null;
}

/**
 * The attendee's schedule item, read strongly by default. Its `rev` (or its
 * absence) conditions the write that follows, so an eventually consistent
 * read is safe too: a stale one only fails that condition and costs a retry
 * (read strongly then), never a wrong schedule — half the read's cost when,
 * as in a registration burst, the attendee's schedule is not changing.
 */
export async function readSchedule(ticketId: string, eventId: string, consistent = true): Promise<ScheduleRead> {
  const { data } = await db().entities.attendeeSchedule.get({ ticketId }).go({ consistent });
  return { ticketId, eventId, slots: (data?.slots as Slot[] | undefined) ?? [], rev: data?.rev ?? null };
}

/** Writes `slots` only if nobody changed the schedule since `read` (optimistic: the overlap check stays true at commit). */
export function scheduleWrite(e: TransactionEntities, read: ScheduleRead, slots: Slot[]): TransactionItem {
  if (read.rev === null) return e.attendeeSchedule.create({ ticketId: read.ticketId, eventId: read.eventId, slots, rev: 1 }).commit();
  return e.attendeeSchedule
    .patch({ ticketId: read.ticketId })
    .set({ slots, rev: read.rev + 1 })
    .where((a, op) => op.eq(a.rev, read.rev!))
    .commit();
}
