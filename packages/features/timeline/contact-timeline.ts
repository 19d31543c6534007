import type { TimelineItemView } from './contract.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { entryItem, interactionItem, noteItem, taskItem } from './timeline-items.ts';

type Keyed<T> = T & { gsi5sk?: string };
type Line = { key: string; item: TimelineItemView };

/**
 * The contact's 360° timeline, newest first: ONE Query on gsi5 (the ElectroDB
 * clustered collection `timeline`, pk = contactId, sk = occurredAt then id),
 * whatever kinds it holds. Other people's private notes are dropped by a
 * FilterExpression, so a page may hold fewer than `limit` lines while the
 * cursor leads on.
 *
 * ElectroDB hands a collection back grouped by entity; the lines are put
 * back in the index's order by their gsi5 sort key (requested with the keys).
 * Only an empty first page pays a GetItem, to tell "no history yet" from an
 * unknown contact (404).
 */
export async function contactTimeline(contactId: string, page: PageRequest, viewerId: string): Promise<Page<TimelineItemView>> {
  const { data, cursor } = await db()
    .collections.timeline({ contactId })
    .where((attr, op) => `(${op.notExists(attr.isPrivate)} OR ${op.eq(attr.isPrivate, false)} OR ${op.eq(attr.authorId, viewerId)})`)
    .go({ order: 'desc', limit: page.limit, cursor: checkedCursor(page.cursor), data: 'includeKeys' });

  const lines: Line[] = [
    ...data.timelineEntry.map((e) => line(e, entryItem(e))),
    ...data.interaction.map((i) => line(i, interactionItem(i))),
    ...data.note.map((n) => line(n, noteItem(n))),
    ...data.task.map((t) => line(t, taskItem(t))),
  ];
  lines.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));

  if (lines.length === 0 && page.cursor === undefined) await assertContact(contactId);
  return { items: lines.map((l) => l.item), nextCursor: cursor };
}

function line<T>(raw: Keyed<T>, item: TimelineItemView): Line {
  return { key: raw.gsi5sk ?? `${item.occurredAt}#${item.id}`, item };
}

async function assertContact(contactId: string): Promise<void> {
  const { data } = await db().entities.contact.get({ contactId }).go({ attributes: ['contactId'] });
  if (!data) throw notFound('Contact', contactId);
}
