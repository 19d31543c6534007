import type { EntityItem } from 'electrodb';
import type { GuestView } from './contract.ts';
import type { guestEntity } from '#packages/core/db/entities/guest.ts';

export type GuestItem = EntityItem<typeof guestEntity>;

/** `no_show` once the event is over without an admission. */
export function toGuestView(g: GuestItem, eventEndsAt: string | undefined, now: string): GuestView {
  const { guestId, commission: _commission, checkedInDeviceId: _device, ...rest } = g;
  const status = g.checkedInAt ? 'checked_in' : eventEndsAt && now >= eventEndsAt ? 'no_show' : 'expected';
  return { id: guestId, ...rest, status };
}
