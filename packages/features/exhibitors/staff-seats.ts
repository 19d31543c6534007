import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { loadExhibitor, type ExhibitorItem } from './access.ts';

/** Exhibitors made before seats were counted had none recorded: they keep the package default. */
const LEGACY_SEATS = 2;

export const seatsOf = (e: Pick<ExhibitorItem, 'leadScannerSeats'>): number => e.leadScannerSeats ?? LEGACY_SEATS;

/**
 * Names a user staff of the exhibitor, taking one of its lead-scanner seats.
 * In ONE transaction: the membership (created only if absent) and the
 * exhibitor's `staffCount + 1`, conditioned on the count staying below its
 * seats — so of any number of concurrent invitations exactly the free seats
 * succeed (never read-then-check). Naming someone already staff answers
 * their membership and takes no second seat.
 */
export async function addStaff(eventId: string, exhibitorId: string, userId: string) {
  const exhibitor = await loadExhibitor(eventId, exhibitorId);
  const seats = seatsOf(exhibitor);
  const membership = { exhibitorId, userId, eventId };
  const tx = namedTransaction<'staff' | 'seat'>();
  tx.add('staff', tx.entities.exhibitorStaff.create(membership).commit()).add(
    'seat',
    tx.entities.exhibitor
      .update({ eventId, exhibitorId })
      .add({ staffCount: 1 })
      .where((a, op) =>
        exhibitor.leadScannerSeats === undefined
          ? `${op.notExists(a.leadScannerSeats)} AND (${op.notExists(a.staffCount)} OR ${op.lt(a.staffCount, seats)})`
          : `${op.eq(a.leadScannerSeats, seats)} AND (${op.notExists(a.staffCount)} OR ${op.lt(a.staffCount, seats)})`,
      )
      .commit(),
  );
  if (seats > 0) {
    const result = await tx.go();
    if (!result.canceled) return membership;
    if (tx.rejected(result, 'staff')) return membership;
    if (!tx.rejected(result, 'seat')) throw conflict('concurrent_update', 'The staff could not be added; try again');
  } else {
    const { data: existing } = await db().entities.exhibitorStaff.get({ exhibitorId, userId }).go({ consistent: true });
    if (existing) return membership;
  }
  throw conflict('staff_seats_full', `All ${seats} lead-scanner seats of this exhibitor are taken; remove a staff member first`, { leadScannerSeats: seats });
}

/** Removes a staff member: the membership's delete (it must exist) and `staffCount - 1` in ONE transaction, freeing their seat. */
export async function removeStaff(eventId: string, exhibitorId: string, userId: string): Promise<void> {
  await loadExhibitor(eventId, exhibitorId);
  const tx = namedTransaction<'staff' | 'seat'>();
  tx.add('staff', tx.entities.exhibitorStaff.remove({ exhibitorId, userId }).commit()).add(
    'seat',
    tx.entities.exhibitor
      .update({ eventId, exhibitorId })
      .add({ staffCount: -1 })
      .where((a, op) => op.gt(a.staffCount, 0))
      .commit(),
  );
  const result = await tx.go();
  if (!result.canceled) return;
  if (tx.rejected(result, 'staff')) throw notFound('Exhibitor staff', userId);
  throw conflict('concurrent_update', 'The staff could not be removed; try again');
}
