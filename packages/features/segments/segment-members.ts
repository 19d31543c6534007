import { db } from '#packages/core/db/service.ts';
import { checkedCursor } from '#packages/core/pagination.ts';
import { getSegment } from './segment-service.ts';

export interface MemberPageRequest {
  limit: number;
  cursor?: string | null;
}

export interface MemberIdPage {
  contactIds: string[];
  nextCursor: string | null;
}

/**
 * One page of a segment's member ids: a Query on the segment's partition, in
 * contactId order. Campaign audiences page through this; the cursor is the
 * usual opaque ElectroDB cursor (a bad one → 400). An unknown segment → 404.
 */
export async function listSegmentMemberIds(segmentId: string, page: MemberPageRequest): Promise<MemberIdPage> {
  const cursor = checkedCursor(page.cursor ?? undefined);
  if (cursor === null) await getSegment(segmentId);
  const { data, cursor: next } = await db()
    .entities.segmentMember.query.bySegment({ segmentId })
    .go({ limit: page.limit, cursor, attributes: ['contactId'] });
  return { contactIds: data.map((m) => m.contactId), nextCursor: next };
}
