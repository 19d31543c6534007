import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { noShow } from './booking-service.ts';

/** The states a party that never came is still in when its cut-off passes (a `requested` one is left to staff). */
const OPEN = ['approved', 'deposit_paid'] as const;

/**
 * The no-show sweeper: each booking still approved or deposit_paid whose
 * arrival cut-off has passed goes through the staff route's own transition
 * (conditioned on the state it leaves), so a run repeated or racing a staff
 * no-show keeps the deposit once and emits `table.settled` once. It reads only
 * the sparse `openByCutoff` index, oldest cut-off first, up to now.
 */
export async function markDueNoShows(now = nowIso()): Promise<{ noShows: number }> {
  const ctx = { correlationId: `no-show-sweep-${newId()}` };
  let noShows = 0;
  for (const status of OPEN) {
    let cursor: string | null = null;
    do {
      const page: { data: { bookingId: string }[]; cursor: string | null } = await db()
        .entities.tableBooking.query.openByCutoff({ status })
        .lt({ arrivalCutoff: now })
        .go({ cursor, limit: 100, attributes: ['bookingId'] });
      for (const due of page.data) {
        try {
          await noShow(due.bookingId, ctx);
          noShows++;
        } catch (error) {
          // Moved meanwhile (arrived, canceled, a staff no-show): its transition won, nothing to do.
          if (!(error instanceof DomainError)) throw error;
        }
      }
      cursor = page.cursor;
    } while (cursor);
  }
  return { noShows };
}
