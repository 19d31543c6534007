import type { EventData } from '#events/catalog.ts';
import { db } from '#packages/core/db/service.ts';
import { keepFirstTouch, type Touch } from './touches.ts';

function describe(touch: Touch): string {
  const utm = touch.utm ? `${touch.utm.source} / ${touch.utm.medium} / ${touch.utm.campaign}` : '';
  if (touch.channel === 'promoter') return `Came through a promoter link${utm ? ` (${utm})` : ''}`;
  return `Visited from ${utm || touch.channel}`;
}

/**
 * A visit of a known contact: its journey line (a timeline entry keyed by the
 * visit, so a redelivery overwrites it) and, when none is recorded, its first
 * touch; nothing for a contact deleted or erased since.
 */
export async function recordContactVisit(visit: EventData<'visit.recorded'>): Promise<void> {
  if (!visit.contactId) return;
  // Erased since the visit (the erasure deleted what it found): nothing more is tied to the person.
  const { data: contact } = await db().entities.contact.get({ contactId: visit.contactId }).go({ attributes: ['erasedAt'] });
  if (!contact || contact.erasedAt) return;
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
