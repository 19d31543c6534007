import type { EventData } from '#events/catalog.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { consumers } from '#events/routing.ts';
import { applyOnce } from '#packages/core/bus/apply-once.ts';
import { db } from '#packages/core/db/service.ts';
import { ensureContact } from '#packages/features/contacts/index.ts';
import { tableBookedLine, tableSettledLine } from '#packages/features/timeline/index.ts';

const CONSUMER = consumers.tableCrm.idempotencyScope;

/** A booking a promoter brought gives the booker that promoter as lead source (as a guest's: `promoter:<code>`); any other, the table booking. */
async function leadSourceOf(bookingId: string): Promise<string> {
  const { data } = await db().entities.tableBooking.get({ bookingId }).go();
  const code = (data?.promoter as { code?: string } | undefined)?.code;
  return code ? `promoter:${code.toLowerCase()}` : 'table_booking';
}

type TableEvent = { detailType: 'table.booked'; data: EventData<'table.booked'> } | { detailType: 'table.settled'; data: EventData<'table.settled'> };

/**
 * The booker becomes a contact (deduplicated by email; a contact known only
 * by the booker's phone, a guest of a list, takes the email and is the same
 * contact; an existing contact keeps its own lead source) and gets a timeline line for the booking and one
 * for its close. `table.settled` ensures the contact too: a no-show of a
 * booking that never paid had no `table.booked`, and delivery order is not
 * guaranteed. The line and the event's marker commit together; the line's id
 * is the booking's, so even a re-published event leaves one line.
 */
export async function recordTableBooker(metadata: Pick<EventMetadataValue, 'id' | 'correlationId' | 'occurredAt'>, event: TableEvent): Promise<'recorded' | 'already_recorded'> {
  const { booker } = event.data;
  const [firstName, ...rest] = booker.name.trim().split(/\s+/);
  const { contactId } = await ensureContact(
    { email: booker.email, phone: booker.phone, firstName, lastName: rest.length ? rest.join(' ') : undefined, leadSource: await leadSourceOf(event.data.bookingId) },
    { actorId: `table_booking:${event.data.bookingId}`, correlationId: metadata.correlationId },
  );
  const line = event.detailType === 'table.booked' ? tableBookedLine(event.data, contactId, metadata.occurredAt) : tableSettledLine(event.data, contactId, metadata.occurredAt);
  const applied = await applyOnce(CONSUMER, metadata.id, (e) => [e.timelineEntry.put(line).commit()]);
  return applied ? 'recorded' : 'already_recorded';
}
