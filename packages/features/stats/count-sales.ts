import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { paidDeltas, refundDeltas } from './counters.ts';
import { addToStats } from './shard-store.ts';

const COUNT_SALES = consumers.countSales.idempotencyScope;

/** A paid order into the sales counters, once per event id. */
export function countSale(eventId: string, paid: EventData<'order.paid'>): Promise<boolean> {
  return addToStats(paid.eventId, COUNT_SALES, eventId, paidDeltas(paid));
}

/** A refund out of them (revenue always; tickets sold when full), once per event id. */
export function countRefund(eventId: string, refunded: EventData<'order.refunded'>): Promise<boolean> {
  return addToStats(refunded.eventId, COUNT_SALES, eventId, refundDeltas(refunded));
}
