import type { EventData } from '#events/catalog.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';

type CheckInEvent = EventData<'ticket.checked_in'> | EventData<'ticket.checked_out'>;

/**
 * The audit record of an admitted scan (or exit, or offline duplicate):
 * created once under its checkInId, so a redelivered event is a no-op.
 */
export async function recordCheckIn(scan: CheckInEvent): Promise<'recorded' | 'already_recorded'> {
  try {
    await db()
      .entities.checkIn.create({
        checkInId: scan.checkInId,
        eventId: scan.eventId,
        listId: scan.listId,
        deviceId: scan.deviceId,
        type: scan.type,
        result: scan.duplicate ? 'duplicate' : 'ok',
        ticketId: scan.ticketId,
        ticketTypeId: scan.ticketTypeId,
        scannedAt: scan.scannedAt,
        // The request's receipt time; events published before it was carried get the consumer's.
        receivedAt: scan.receivedAt ?? nowIso(),
        ...(scan.clientScannedAt ? { clientScannedAt: scan.clientScannedAt } : {}),
        offline: scan.offline,
      })
      .go({ response: 'none' });
    return 'recorded';
  } catch (error) {
    if (isConditionFailure(error)) return 'already_recorded';
    throw error;
  }
}
