import { nowIso } from '#packages/core/clock.ts';
import { SLOT_MINUTES } from '#packages/core/db/entities/meeting-slot.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { getSettings } from './settings-service.ts';

/**
 * A meeting's time and place, checked: on the 15-minute grid, within the
 * event, not begun, at one of the event's tables when it names them.
 * Returns the start normalised to UTC.
 */
export async function checkedSlot(eventId: string, startsAt: string, minutes: number, location: string | undefined, now = nowIso()): Promise<string> {
  const start = new Date(startsAt);
  if (start.getTime() % (SLOT_MINUTES * 60_000) !== 0) throw unprocessable('slot_not_aligned', `Meetings start on the ${SLOT_MINUTES}-minute grid (:00, :15, :30, :45)`);
  const event = await loadEvent(eventId);
  const end = new Date(start.getTime() + minutes * 60_000);
  if (start < new Date(event.startsAt) || end > new Date(event.endsAt)) throw unprocessable('outside_event', 'The meeting must fall within the event', { eventStartsAt: event.startsAt, eventEndsAt: event.endsAt });
  if (start.toISOString() <= now) throw unprocessable('slot_in_past', 'The slot has already begun');
  const { locations } = await getSettings(eventId);
  if (location && locations.length && !locations.includes(location)) throw unprocessable('unknown_location', 'Not one of the event’s meeting places', { locations });
  return start.toISOString();
}
