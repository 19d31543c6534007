import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { checkInDeltas } from './counters.ts';
import { addToStats } from './shard-store.ts';

const COUNT_ATTENDANCE = consumers.countAttendance.idempotencyScope;

/**
 * A scan into the live counters, once per checkInId (the producer's own id
 * for the scan, stable even if it publishes the event twice). A duplicate
 * adds nothing: attendance counts the person once.
 */
export async function countAttendance(scan: EventData<'ticket.checked_in'> | EventData<'ticket.checked_out'>): Promise<boolean> {
  const deltas = checkInDeltas(scan);
  if (!Object.keys(deltas).length) return false;
  return addToStats(scan.eventId, COUNT_ATTENDANCE, scan.checkInId, deltas);
}
