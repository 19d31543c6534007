import { db } from '#packages/core/db/service.ts';

/** Items per Query page; each page's items are deleted with BatchWriteItem (ElectroDB splits by 25). */
const PAGE = 100;

/**
 * A contact deleted for good takes its history with it: every item of its
 * timeline collection (lines, interactions, notes — private ones too — and
 * the tasks about it) and its `eventAttendee` items, found through the event
 * ids of its check-in lines. Each page's attendee items go before the lines
 * that name them, so a failure part-way leaves enough for the retry.
 * Deletes are idempotent: a redelivery finds less, or nothing, to delete.
 */
export async function purgeContactTimeline(contactId: string): Promise<{ deleted: number }> {
  let deleted = 0;
  const attendanceGone = new Set<string>();
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof readPage>> = await readPage(contactId, cursor);
    const { timelineEntry, interaction, note, task } = page.data;
    cursor = page.cursor;

    const eventIds = new Set<string>();
    for (const line of timelineEntry) {
      const eventId = (line.data as { eventId?: unknown } | undefined)?.eventId;
      if (line.kind === 'ticket.checked_in' && typeof eventId === 'string' && !attendanceGone.has(eventId)) eventIds.add(eventId);
    }
    if (eventIds.size) {
      const { unprocessed } = await db()
        .entities.eventAttendee.delete([...eventIds].map((eventId) => ({ eventId, contactId })))
        .go();
      if (unprocessed.length) throw new Error(`purgeContactTimeline: ${unprocessed.length} attendee items not deleted; the bus retries`);
      eventIds.forEach((id) => attendanceGone.add(id));
    }

    const results = await Promise.all([
      timelineEntry.length ? db().entities.timelineEntry.delete(timelineEntry.map(({ entryId }) => ({ entryId }))).go() : null,
      interaction.length ? db().entities.interaction.delete(interaction.map(({ interactionId }) => ({ interactionId }))).go() : null,
      note.length ? db().entities.note.delete(note.map(({ noteId }) => ({ noteId }))).go() : null,
      task.length ? db().entities.task.delete(task.map(({ taskId }) => ({ taskId }))).go() : null,
    ]);
    const left = results.reduce((n, r) => n + (r?.unprocessed.length ?? 0), 0);
    // The whole event is retried: items already deleted are simply not found again.
    if (left) throw new Error(`purgeContactTimeline: ${left} timeline items not deleted; the bus retries`);
    deleted += timelineEntry.length + interaction.length + note.length + task.length;
  } while (cursor);
  return { deleted };
}

function readPage(contactId: string, cursor: string | null) {
  return db().collections.timeline({ contactId }).go({ limit: PAGE, cursor });
}
