import type { EntityItem } from 'electrodb';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { applyFlips, type Flip } from './membership-writes.ts';
import { matches, type SegmentFilter } from './segment-filter.ts';
import type { SegmentItem } from './segment-service.ts';

type ContactItem = EntityItem<typeof contactEntity>;

const MAX_ROUNDS = 8;

/** Every segment: one partition of the `all` index, a handful of items per tenant. */
export async function allSegments(): Promise<SegmentItem[]> {
  const { data } = await db().entities.segment.query.all({}).go({ pages: 'all' });
  return data;
}

async function memberships(contactId: string, segments: readonly SegmentItem[]): Promise<Set<string>> {
  if (!segments.length) return new Set();
  const { data, unprocessed } = await db()
    .entities.segmentMember.get(segments.map((s) => ({ segmentId: s.segmentId, contactId })))
    .go({ consistent: true });
  if (unprocessed.length) throw new Error(`membership read of ${contactId} left ${unprocessed.length} keys unprocessed`);
  return new Set(data.map((m) => m.segmentId));
}

/**
 * Brings one contact's membership in every segment in line with its current
 * state: reads the contact (consistently), the segments and where it is a
 * member, and flips the differences. State-based, so any number of
 * deliveries in any order end in the same membership; a flip decided on data
 * that changed meanwhile is refused by its conditions and decided again.
 */
export async function refreshContactMemberships(
  contactId: string,
  ctx?: Pick<RequestContext, 'correlationId' | 'depth'>,
): Promise<{ joined: number; left: number }> {
  const totals = { joined: 0, left: 0 };
  let segments = await allSegments();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const { data: contact } = await db().entities.contact.get({ contactId }).go({ consistent: true });
    const current = await memberships(contactId, segments);
    let again = false;
    const fresh: SegmentItem[] = [];
    await Promise.all(
      segments.map(async (segment) => {
        const wanted = contact ? matches(segment.filter as SegmentFilter, contact as ContactItem) : false;
        if (wanted === current.has(segment.segmentId)) return;
        const flip: Flip = { contactId, join: wanted, ...(contact ? { contactUpdatedAt: contact.updatedAt } : {}) };
        const outcome = await applyFlips(segment, [flip], ctx);
        if (outcome.segmentChanged) {
          // Edited or deleted since the list was read: decide again on the stored one (if any).
          const { data } = await db().entities.segment.get({ segmentId: segment.segmentId }).go({ consistent: true });
          if (data) fresh.push(data);
          again = true;
          return;
        }
        if (outcome.changedContacts.length) {
          again = true;
          fresh.push(segment);
          return;
        }
        if (wanted) totals.joined += 1;
        else totals.left += 1;
      }),
    );
    if (!again) return totals;
    segments = fresh;
  }
  throw new Error(`contact ${contactId}: segment membership kept changing under the refresh`);
}
