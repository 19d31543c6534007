import type { EventData } from '#events/catalog.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { keepFirstTouch, type Touch } from './touches.ts';

function describe(touch: Touch): string {
  const utm = touch.utm ? `${touch.utm.source} / ${touch.utm.medium} / ${touch.utm.campaign}` : '';
  if (touch.channel === 'promoter') return `Came through a promoter link${utm ? ` (${utm})` : ''}`;
  return `Visited from ${utm || touch.channel}`;
}

/**
 * A visit of a known contact: its journey line (a timeline entry keyed by the
 * visit, so a redelivery overwrites it) and, when none is recorded, its first touch.
 */
export async function recordContactVisit(visit: EventData<'visit.recorded'>): Promise<void> {
  if (!visit.contactId) return;
  await db()
    .entities.timelineEntry.put({
      entryId: `visit.recorded:${visit.visitId}`,
      contactId: visit.contactId,
      occurredAt: visit.at,
      kind: 'visit.recorded',
      summary: describe(visit.touch),
      refType: 'event',
      refId: visit.eventId,
      data: { visitId: visit.visitId, eventId: visit.eventId, touch: visit.touch },
    })
    .go();
  await keepFirstTouch(visit.contactId, visit.touch, visit.at);
}

/** The CRM creates the buyer's contact on the same order.paid: waited for briefly, then given up (logged). */
const CONTACT_WAITS_MS = [0, 100, 250, 500, 1000];

/** A paid order's first touch kept as its contact's, unless the contact has one already. */
export async function keepOrderFirstTouch(paid: EventData<'order.paid'>): Promise<void> {
  const touch = paid.attribution?.firstTouch;
  if (!touch) return;
  const email = paid.buyer.email.trim().toLowerCase();
  for (const wait of CONTACT_WAITS_MS) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    if (guard) return keepFirstTouch(guard.contactId, touch, paid.paidAt);
  }
  logger.warn('first touch not kept: the buyer has no contact yet', { orderId: paid.orderId });
}
