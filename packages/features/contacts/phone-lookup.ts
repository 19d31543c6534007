import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

/**
 * The contactPhone items a change of a contact's phone needs, for the same
 * transaction as the change: the old number's item deleted, the new one's
 * put (none when the number stays). Every write of `phone` goes through it:
 * create, PATCH, an import's row and its undo, the hard delete, the erasure.
 */
export function phoneLookupItems(entities: TransactionEntities, contactId: string, before: string | null | undefined, after: string | null | undefined): TransactionItem[] {
  if ((before ?? null) === (after ?? null)) return [];
  return [
    ...(before ? [entities.contactPhone.delete({ phone: before, contactId }).commit()] : []),
    ...(after ? [entities.contactPhone.put({ phone: after, contactId }).commit()] : []),
  ];
}

/** The contacts whose phone is `phone` now (the lookup's candidates re-read: an item may lag its contact), erased ones left out. */
export async function contactsWithPhone(phone: string): Promise<string[]> {
  const { data } = await db().entities.contactPhone.query.byPhone({ phone }).go({ pages: 'all' });
  const live: string[] = [];
  for (const { contactId } of data) {
    const { data: contact } = await db().entities.contact.get({ contactId }).go({ consistent: true, attributes: ['contactId', 'phone', 'erasedAt'] });
    if (contact?.phone === phone && !contact.erasedAt) live.push(contactId);
  }
  return live;
}
