import type { EntityItem } from 'electrodb';
import type { seatEntity } from '#packages/core/db/entities/seat.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

export type SeatItem = EntityItem<typeof seatEntity>;

/** A seat an order holds or owns: enough to find its item. */
export interface SeatRef {
  sectionId: string;
  seatGuid: string;
}

/** An order's steps; organisers' blocks move the counters too and live in block-seats.ts. */
export type SeatChange = 'hold' | 'sell' | 'confirm' | 'release' | 'unsell';

/**
 * The conditional update of one seat for one step. Every step names the
 * state it starts from (and, for an order's own seats, the order), so a
 * step that finds the seat elsewhere fails its transaction instead of
 * taking another buyer's seat.
 */
export function seatUpdate(entities: TransactionEntities, eventId: string, ref: SeatRef, change: SeatChange, orderId?: string): TransactionItem {
  const seat = entities.seat.patch({ eventId, sectionId: ref.sectionId, seatGuid: ref.seatGuid });
  const owner = orderId ?? '';
  switch (change) {
    case 'hold':
      return seat.set({ state: 'held', orderId: owner }).where((a, op) => op.eq(a.state, 'free')).commit();
    case 'sell':
      return seat.set({ state: 'sold', orderId: owner }).where((a, op) => op.eq(a.state, 'free')).commit();
    case 'confirm':
      return seat.set({ state: 'sold' }).where((a, op) => `${op.eq(a.state, 'held')} AND ${op.eq(a.orderId, owner)}`).commit();
    case 'release':
      return seat.set({ state: 'free' }).remove(['orderId']).where((a, op) => `${op.eq(a.state, 'held')} AND ${op.eq(a.orderId, owner)}`).commit();
    case 'unsell':
      return seat.set({ state: 'free' }).remove(['orderId']).where((a, op) => `${op.eq(a.state, 'sold')} AND ${op.eq(a.orderId, owner)}`).commit();
  }
}

export function seatUpdates(entities: TransactionEntities, eventId: string, refs: readonly SeatRef[], change: SeatChange, orderId?: string): TransactionItem[] {
  return refs.map((ref) => seatUpdate(entities, eventId, ref, change, orderId));
}

/** Every seat of a section: ONE Query on the section's partition (paged only past 1 MB). */
export async function sectionSeats(eventId: string, sectionId: string, consistent = false): Promise<SeatItem[]> {
  const { data } = await db().entities.seat.query.bySection({ eventId, sectionId }).go({ pages: 'all', consistent });
  return data;
}
