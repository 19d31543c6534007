import type { EventData } from '../../../events/catalog.ts';
import { nowIso } from '../clock.ts';
import { isConditionFailure } from '../db/conditions.ts';
import { db } from '../db/service.ts';
import { rejectedAt, type TransactionItem } from '../db/transaction-types.ts';
import { newId } from '../ids.ts';
import { RETRY, withRaceRetries } from '../orders/retry.ts';
import { ENGAGEMENT_POINTS, raisedScore, scoreUnchanged } from '../contacts/engagement.ts';

/** The marker scope of "this contact attended this event" (key `${contactId}#${eventId}`). */
export const ATTENDED = 'attended';
/** Outlives any event and any redelivery; it only has to stop a second count for one (contact, event). */
const ATTENDED_TTL_SECONDS = 400 * 24 * 3600;

/**
 * The buyer's contact attended: on the first admitted entry of any of their
 * tickets for the event, `eventsAttended` +1, engagement points and
 * `lastSeenAt` = scannedAt.
 * The (contact, event) marker is created in the same transaction, so another
 * ticket of the same buyer, a redelivery or a re-entry counts nothing more
 * (later entries only move `lastSeenAt` forward). A buyer without a contact
 * yet (the purchase consumer has not run) gets one, as that consumer would.
 */
export async function recordAttendance(scan: EventData<'ticket.checked_in'>): Promise<'recorded' | 'already_recorded' | 'ignored'> {
  if (scan.type !== 'entry' || scan.duplicate) return 'ignored';
  const email = scan.buyerEmail.trim().toLowerCase();
  const outcome = await withRaceRetries(async () => {
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    const contactId = guard?.contactId ?? newId();
    const existing = guard ? (await db().entities.contact.get({ contactId }).go({ consistent: true })).data : null;
    const result = await db()
      .transaction.write(({ processedEvent, contact, contactEmail }): TransactionItem[] => {
        const marker = processedEvent
          .create({ consumer: ATTENDED, eventId: `${contactId}#${scan.eventId}`, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + ATTENDED_TTL_SECONDS })
          .commit();
        if (existing) {
          return [
            marker,
            contact
              .patch({ contactId })
              .add({ eventsAttended: 1 })
              .set({ lastSeenAt: scan.scannedAt, ...raisedScore(existing, ENGAGEMENT_POINTS.attendedEvent) })
              .where(scoreUnchanged(existing))
              .commit(),
          ];
        }
        return [
          marker,
          contactEmail.create({ email, contactId }).commit(),
          contact
            .create({ contactId, email, createdBy: 'ticket.checked_in', leadSource: 'check_in', eventsAttended: 1, engagementScore: ENGAGEMENT_POINTS.attendedEvent, lastSeenAt: scan.scannedAt })
            .commit(),
        ];
      })
      .go();
    if (!result.canceled) return 'recorded' as const;
    if (rejectedAt(result, 0)) {
      await moveLastSeen(contactId, scan.scannedAt);
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
