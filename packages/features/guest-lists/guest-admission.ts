import type { AttendeeView, CheckInRecordView } from '#packages/features/check-ins/contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, DomainError, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { guestIdOf } from './guest-code.ts';

export interface GuestScan {
  eventId: string;
  code: string;
  deviceId: string;
  listId?: string | undefined;
  type: 'entry' | 'exit';
}

const invalidCode = () => new DomainError('not_found', 'invalid', 'Unknown or forged guest code');

/**
 * A guest at the door: ONE conditional write admits them (the code matches,
 * the event is theirs, not admitted yet) together with `guest.checked_in`,
 * so two gates scanning one guest admit them once and the per-check-in
 * commission follows the first admission only. Guests enter once; there is
 * no exit and re-entry for a guest code.
 */
export async function admitGuest(scan: GuestScan, ctx: RequestContext): Promise<{ status: 'ok'; checkIn: CheckInRecordView; attendee: AttendeeView }> {
  const guestId = guestIdOf(scan.code);
  if (!guestId) throw invalidCode();
  const { data: guest } = await db().entities.guest.get({ guestId }).go({ consistent: true });
  if (!guest || guest.code !== scan.code) throw invalidCode();
  if (guest.eventId !== scan.eventId) throw unprocessable('wrong_event', 'The guest is on a list of another event', { ticketEventId: guest.eventId });
  if (scan.type === 'exit') throw unprocessable('guest_exit_unsupported', 'Guest codes admit once; there is no exit scan for them');
  if (guest.checkedInAt) throw conflict('already_checked_in', 'The guest was already admitted', { firstCheckedInAt: guest.checkedInAt, firstDeviceId: guest.checkedInDeviceId });
  const { data: list } = await db().entities.guestList.get({ guestListId: guest.guestListId }).go();
  const tierName = list?.tiers.find((t) => t.tierId === guest.tierId)?.name ?? guest.tierId;
  const now = nowIso();
  const event = domainEvent(
    'guest.checked_in',
    {
      guestId,
      eventId: guest.eventId,
      guestListId: guest.guestListId,
      tierId: guest.tierId,
      promoterId: guest.promoterId,
      name: guest.name,
      ...(guest.email ? { email: guest.email } : {}),
      ...(guest.phone ? { phone: guest.phone } : {}),
      deviceId: scan.deviceId,
      checkedInAt: now,
    },
    ctx,
  );
  const result = await transactWithEvents(
    (entities) => [
      entities.guest
        .patch({ guestId })
        .set({ checkedInAt: now, checkedInDeviceId: scan.deviceId })
        .where((a, op) => `${op.notExists(a.checkedInAt)} AND ${op.eq(a.code, scan.code)}`)
        .commit(),
    ],
    [event],
  );
  if (result.canceled) {
    const { data: again } = await db().entities.guest.get({ guestId }).go({ consistent: true });
    throw conflict('already_checked_in', 'The guest was already admitted', { firstCheckedInAt: again?.checkedInAt, firstDeviceId: again?.checkedInDeviceId });
  }
  return {
    status: 'ok',
    checkIn: {
      id: newId(),
      eventId: guest.eventId,
      listId: scan.listId ?? guest.guestListId,
      ticketId: guestId,
      ticketTypeId: guest.tierId,
      deviceId: scan.deviceId,
      type: 'entry',
      status: 'ok',
      result: 'ok',
      scannedAt: now,
      receivedAt: now,
      offline: false,
    },
    attendee: { name: guest.name, ...(guest.email ? { email: guest.email } : {}), ticketTypeId: guest.tierId, ticketTypeName: `Guest list · ${tierName}` },
  };
}
