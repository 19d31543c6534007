import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';

/**
 * The `announcements-due` job (every minute): one Query of the sparse `due`
 * index (`state = scheduled`, `dueAt ≤ now`); each becomes `sending` with
 * `announcement.requested`, conditioned on still being scheduled, so two
 * overlapping runs request it once.
 */
export async function runDueAnnouncements(now = nowIso()): Promise<{ started: number }> {
  const ctx = { correlationId: `announcements-due-${newId()}` };
  const { data } = await db().entities.announcement.query.due({ state: 'scheduled' }).lte({ dueAt: now }).go({ pages: 'all' });
  let started = 0;
  for (const a of data) {
    const result = await transactWithEvents(
      (e) => [
        e.announcement
          .patch({ eventId: a.eventId, announcementId: a.announcementId })
          .set({ state: 'sending', dueAt: a.dueAt })
          .where((attr, op) => op.eq(attr.state, 'scheduled'))
          .commit(),
      ],
      [domainEvent('announcement.requested', { eventId: a.eventId, announcementId: a.announcementId }, ctx)],
    );
    if (!result.canceled) started++;
  }
  return { started };
}
