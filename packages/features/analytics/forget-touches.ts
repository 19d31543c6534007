import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';

/**
 * For an erasure (packages/features/erasure): the contact's visits — those
 * its journey named, `visitIds` from its timeline — and its first touch are
 * deleted: they tell when and from which link or campaign the person came.
 * A visit is deleted only while it still names this contact (its token is
 * the id, so a stranger's cannot be reached through a forged timeline line).
 * Returns how many items went.
 */
export async function forgetContactTouches(contactId: string, visitIds: readonly string[]): Promise<number> {
  let deleted = 0;
  for (const visitId of new Set(visitIds)) {
    const gone = await writtenIfCondition(() =>
      db()
        .entities.visit.delete({ visitId })
        .where((a, op) => op.eq(a.contactId, contactId))
        .go(),
    );
    if (gone) deleted++;
  }
  const { data: first } = await db().entities.firstTouch.get({ contactId }).go({ attributes: ['contactId'] });
  if (first) {
    await db().entities.firstTouch.delete({ contactId }).go();
    deleted++;
  }
  return deleted;
}
