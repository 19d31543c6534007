import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { checkedCursor } from '#packages/core/pagination.ts';
import { listSegmentMemberIds } from '#packages/features/segments/index.ts';
import { batchGetAll } from '#packages/core/db/batch-get.ts';
import type { CampaignAudience } from './campaign-store.ts';

export interface AudiencePage {
  contactIds: string[];
  /** Opaque; null after the last page. */
  nextCursor: string | null;
}

/** Buyer emails of one page of paid orders → contact ids (BatchGetItem of the email guards). */
async function buyerContactIds(emails: readonly string[]): Promise<string[]> {
  const keys = [...new Set(emails)].map((email) => ({ email }));
  const guards = await batchGetAll(keys, (batch) => db().entities.contactEmail.get(batch).go());
  return guards.map((g) => g.contactId);
}

/**
 * One page of the audience, in the source's own order: a segment's members,
 * the buyers of an event (its paid orders' buyers; one who bought twice
 * appears twice, the recipient item is created once), or the attendees of an
 * event (checked in at least once). A buyer not (yet) in the CRM has no
 * contact to mail and is left out. A deleted segment is an empty audience.
 */
export async function audiencePage(audience: CampaignAudience, cursor: string | null, limit: number): Promise<AudiencePage> {
  switch (audience.kind) {
    case 'segment': {
      try {
        return await listSegmentMemberIds(audience.segmentId!, { limit, cursor });
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'not_found') return { contactIds: [], nextCursor: null };
        throw error;
      }
    }
    case 'buyers': {
      const page = await db()
        .entities.order.query.byEventStatus({ eventId: audience.eventId!, status: 'paid' })
        .go({ limit, cursor: checkedCursor(cursor ?? undefined), attributes: ['buyer'] });
      return { contactIds: await buyerContactIds(page.data.map((o) => o.buyer.email)), nextCursor: page.cursor };
    }
    case 'attendees': {
      const page = await db()
        .entities.eventAttendee.query.byEvent({ eventId: audience.eventId! })
        .go({ limit, cursor: checkedCursor(cursor ?? undefined), attributes: ['contactId'] });
      return { contactIds: page.data.map((a) => a.contactId), nextCursor: page.cursor };
    }
  }
}
