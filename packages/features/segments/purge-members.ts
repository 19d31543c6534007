import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { db } from '#packages/core/db/service.ts';
import { buildChunkSize } from './build-segment.ts';

/**
 * Deletes the next chunk of a deleted segment's member items (BatchWrite)
 * and, while some remain, requests the next chunk. Deleting is idempotent,
 * so duplicates and crashes only repeat work. A segment that still exists is
 * left alone (its members are live).
 */
export async function purgeSegmentMembers(segmentId: string, correlationId: string): Promise<'continued' | 'finished'> {
  const { data: segment } = await db().entities.segment.get({ segmentId }).go({ consistent: true });
  if (segment) return 'finished';
  const { data, cursor } = await db()
    .entities.segmentMember.query.bySegment({ segmentId })
    .go({ limit: buildChunkSize(), count: buildChunkSize(), attributes: ['segmentId', 'contactId'] });
  if (data.length) {
    const { unprocessed } = await db()
      .entities.segmentMember.delete(data.map(({ contactId }) => ({ segmentId, contactId })))
      .go();
    if (unprocessed.length) throw new Error(`purge of segment ${segmentId}: ${unprocessed.length} deletes unprocessed`);
  }
  if (cursor === null) return 'finished';
  await transactWithEvents(() => [], [domainEvent('segment.purge_requested', { segmentId }, { correlationId })]);
  return 'continued';
}
