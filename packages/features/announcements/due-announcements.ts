import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { watchdogAt, type AnnouncementItem } from './announcement-store.ts';

/** state/dueAt as read → sending with the next watchdog time and `announcement.requested`, one transaction: one request per run. */
async function request(a: AnnouncementItem, ctx: { correlationId: string }): Promise<boolean> {
  const result = await transactWithEvents(
    (e) => [
      e.announcement
        .patch({ eventId: a.eventId, announcementId: a.announcementId })
        .set({ state: 'sending', dueAt: watchdogAt() })
        .where((attr, op) => `${op.eq(attr.state, a.state)} AND ${op.eq(attr.dueAt, a.dueAt)}`)
        .commit(),
    ],
    [domainEvent('announcement.requested', { eventId: a.eventId, announcementId: a.announcementId }, ctx)],
  );
  return !result.canceled;
}

/**
 * The `announcements-due` job (every minute): two Queries of the sparse `due`
 * index, `dueAt ≤ now`, one per state. A scheduled announcement whose time
 * came is requested; a sending one past its watchdog time (its delivery died,
 * or was dead-lettered) is requested again — the delivery mails only the
 * recipients still pending, so a second request mails nobody twice. Each is
 * conditioned on the state and `dueAt` read, so overlapping runs request once.
 */
export async function runDueAnnouncements(now = nowIso()): Promise<{ started: number; pushed: number }> {
  const ctx = { correlationId: `announcements-due-${newId()}` };
  const outcome = { started: 0, pushed: 0 };
  for (const state of ['scheduled', 'sending'] as const) {
    const { data } = await db().entities.announcement.query.due({ state }).lte({ dueAt: now }).go({ pages: 'all' });
    for (const a of data) if (await request(a, ctx)) outcome[state === 'scheduled' ? 'started' : 'pushed']++;
  }
  return outcome;
}
