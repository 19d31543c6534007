import type { EventData } from '#events/catalog.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { ENGAGEMENT_POINTS, raisedScore, scoreUnchanged } from './engagement.ts';
import { admissionLine } from '#packages/features/timeline/index.ts';

/** The marker scope of "this contact attended this event" (key `${contactId}#${eventId}`). */
export const ATTENDED = 'attended';
/** Outlives any event and any redelivery; it only has to stop a second count for one (contact, event). */
const ATTENDED_TTL_SECONDS = 400 * 24 * 3600;

/**
 * The ticket's attendee attended — the named attendee's contact when the
 * ticket has one (issue 14), else the buyer's: on the first admitted entry of any of their
 * tickets for the event, `eventsAttended` +1, the event in
 * `attendedEventIds` (a set, for segments), the `eventAttendee` item (the
 * event's attendee list), engagement points, `lastSeenAt` = scannedAt, a
 * timeline line and `contact.updated` (`contact.created` for a new contact)
 * through the outbox — one transaction.
 * The (contact, event) marker is created in the same transaction, so another
 * ticket of the same buyer, a redelivery or a re-entry counts nothing more:
 * later entries only move `lastSeenAt` forward and put their own timeline
 * line (keyed by the check-in id, so a redelivery overwrites it). A buyer
 * without a contact yet (the purchase consumer has not run) gets one, as that
 * consumer would.
 */
export async function recordAttendance(
  metadata: Pick<EventMetadataValue, 'correlationId'>,
  scan: EventData<'ticket.checked_in'>,
): Promise<'recorded' | 'already_recorded' | 'ignored'> {
  if (scan.type !== 'entry' || scan.duplicate) return 'ignored';
  const email = (scan.attendeeEmail ?? scan.buyerEmail).trim().toLowerCase();
  const ctx = { correlationId: metadata.correlationId };
  const outcome = await withRaceRetries(async () => {
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    const contactId = guard?.contactId ?? newId();
    const existing = guard ? (await db().entities.contact.get({ contactId }).go({ consistent: true })).data : null;
    // One event either way: consumers re-read the contact, and a new one is news enough.
    const events: PendingEvent[] = [
      existing
        ? domainEvent('contact.updated', { contactId, reason: 'attendance' }, ctx)
        : domainEvent('contact.created', { contactId, createdBy: 'ticket.checked_in' }, ctx),
    ];
    const tx = namedTransaction<'marker' | 'emailGuard' | 'contact' | 'attendee' | 'timeline'>();
    const { processedEvent, contact, contactEmail, eventAttendee, timelineEntry } = tx.entities;
    tx.add(
      'marker',
      processedEvent
        .create({ consumer: ATTENDED, eventId: `${contactId}#${scan.eventId}`, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + ATTENDED_TTL_SECONDS })
        .commit(),
    );
    if (existing) {
      tx.add(
        'contact',
        contact
          .patch({ contactId })
          .add({ eventsAttended: 1, attendedEventIds: [scan.eventId] })
          .set({ lastSeenAt: scan.scannedAt, ...raisedScore(existing, ENGAGEMENT_POINTS.attendedEvent) })
          .where(scoreUnchanged(existing))
          .commit(),
      );
    } else {
      tx.add('emailGuard', contactEmail.create({ email, contactId }).commit()).add(
        'contact',
        contact
          .create({
            contactId,
            email,
            createdBy: 'ticket.checked_in',
            leadSource: 'check_in',
            eventsAttended: 1,
            attendedEventIds: [scan.eventId],
            engagementScore: ENGAGEMENT_POINTS.attendedEvent,
            lastSeenAt: scan.scannedAt,
          })
          .commit(),
      );
    }
    // A put, not a create: if the marker ever expired, a re-count must not be blocked by the old item.
    tx.add('attendee', eventAttendee.put({ eventId: scan.eventId, contactId, firstEntryAt: scan.scannedAt }).commit())
      .add('timeline', timelineEntry.put(admissionLine(scan, contactId)).commit());
    const result = await transactWithEvents(() => tx.items, events);
    if (!result.canceled) return 'recorded' as const;
    // The (contact, event) marker: already attended, so only lastSeenAt and the line.
    if (tx.rejected(result, 'marker')) {
      await Promise.all([moveLastSeen(contactId, scan.scannedAt), db().entities.timelineEntry.put(admissionLine(scan, contactId)).go({ response: 'none' })]);
      return 'already_recorded' as const;
    }
    return RETRY;
  }, 15);
  if (outcome === RETRY) throw new Error('recordAttendance kept losing races');
  return outcome;
}

/** lastSeenAt only moves forward (a late offline upload must not set it back). */
async function moveLastSeen(contactId: string, at: string): Promise<void> {
  try {
    await db()
      .entities.contact.patch({ contactId })
      .set({ lastSeenAt: at })
      .where((a, op) => `${op.notExists(a.lastSeenAt)} OR ${op.lt(a.lastSeenAt, at)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
