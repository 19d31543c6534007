import type { GuestView } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { assertCanSee } from '#packages/features/promoters/index.ts';
import { loadGuestList } from './guest-list-service.ts';
import { toGuestView } from './guest-view.ts';

async function endsAtOf(eventId: string): Promise<string | undefined> {
  const { data } = await db().entities.event.get({ eventId }).go();
  return data?.endsAt;
}

/** An organiser's view of a whole list: every promoter's guests, with no-shows once the event is over. */
export async function listGuests(guestListId: string, status: GuestView['status'] | undefined, page: PageRequest): Promise<Page<GuestView>> {
  const list = await loadGuestList(guestListId);
  const endsAt = await endsAtOf(list.eventId);
  const now = nowIso();
  const { data, cursor } = await db().entities.guest.query.byList({ guestListId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  const items = data.map((g) => toGuestView(g, endsAt, now));
  return { items: status ? items.filter((g) => g.status === status) : items, nextCursor: cursor };
}

/** One promoter's guests (its own, or its team's for a leader). */
export async function listPromoterGuests(promoterId: string, eventId: string | undefined, page: PageRequest, principal: Principal): Promise<Page<GuestView>> {
  await assertCanSee(principal, promoterId);
  const { data, cursor } = await db()
    .entities.guest.query.byPromoter({ promoterId, ...(eventId ? { eventId } : {}) })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  const now = nowIso();
  const ends = new Map<string, string | undefined>();
  for (const id of new Set(data.map((g) => g.eventId))) ends.set(id, await endsAtOf(id));
  return { items: data.map((g) => toGuestView(g, ends.get(g.eventId), now)), nextCursor: cursor };
}
