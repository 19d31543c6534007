import type { ContactView } from '#packages/features/contacts/contract.ts';
import { toView } from '#packages/features/contacts/index.ts';
import { db } from '#packages/core/db/service.ts';
import type { Page, PageRequest } from '#packages/core/pagination.ts';
import { listSegmentMemberIds } from './segment-members.ts';

/**
 * A page of members (Query on the segment's partition) turned into contacts
 * (one BatchGet), kept in membership order. A member whose contact vanished
 * a moment ago (hard delete not yet swept by the refresh consumer) is
 * skipped rather than shown as a hole.
 */
export async function listSegmentContacts(segmentId: string, page: PageRequest): Promise<Page<ContactView>> {
  const { contactIds, nextCursor } = await listSegmentMemberIds(segmentId, page);
  if (!contactIds.length) return { items: [], nextCursor };
  const { data, unprocessed } = await db()
    .entities.contact.get(contactIds.map((contactId) => ({ contactId })))
    .go();
  if (unprocessed.length) throw new Error(`${unprocessed.length} contacts left unprocessed by BatchGet`);
  const byId = new Map(data.map((c) => [c.contactId, c]));
  const items = contactIds.flatMap((id) => {
    const contact = byId.get(id);
    return contact ? [toView(contact)] : [];
  });
  return { items, nextCursor };
}
