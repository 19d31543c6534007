import type { EntityItem } from 'electrodb';
import type { CreateGuestListInput, GuestListView } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import type { guestListEntity } from '#packages/core/db/entities/guest-list.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { nowIso } from '#packages/core/clock.ts';

export type GuestListItem = EntityItem<typeof guestListEntity>;

const toView = ({ guestListId, ...rest }: GuestListItem, taken?: ReadonlyMap<string, number>): GuestListView => ({
  id: guestListId,
  ...rest,
  tiers: rest.tiers.map((t) => ({ ...t, ...(taken ? { taken: taken.get(t.tierId) ?? 0 } : {}) })),
});

export async function createGuestList(eventId: string, input: CreateGuestListInput): Promise<GuestListView> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const tiers = input.tiers.map((t, i) => ({ tierId: t.tierId ?? `t${i + 1}`, name: t.name, quota: t.quota, deadline: new Date(t.deadline).toISOString() }));
  if (new Set(tiers.map((t) => t.tierId)).size !== tiers.length) throw invalid('duplicate_tier', 'Tier ids must be unique within a list');
  const now = nowIso();
  const item: GuestListItem = { guestListId: newId(), eventId, name: input.name, tiers, createdAt: now, updatedAt: now };
  const tx = namedTransaction<'list' | 'tier'>();
  tx.add('list', tx.entities.guestList.create(item).commit());
  for (const t of tiers) tx.add('tier', tx.entities.guestTierCount.create({ guestListId: item.guestListId, tierId: t.tierId, quota: t.quota, taken: 0 }).commit());
  const result = await tx.go();
  if (result.canceled) throw conflict('concurrent_update', 'The guest list could not be created; try again');
  return toView(item, new Map());
}

export async function loadGuestList(guestListId: string): Promise<GuestListItem> {
  const { data } = await db().entities.guestList.get({ guestListId }).go();
  if (!data) throw notFound('Guest list', guestListId);
  return data;
}

/** An event's lists; organisers also see each tier's places taken, promoters only the tiers. */
export async function listGuestLists(eventId: string, principal: Principal): Promise<{ items: GuestListView[]; nextCursor: null }> {
  const { data } = await db().entities.guestList.query.byEvent({ eventId }).go({ pages: 'all' });
  if (!principal.permissions.has('promoters:read')) return { items: data.map((l) => toView(l)), nextCursor: null };
  const keys = data.flatMap((l) => l.tiers.map((t) => ({ guestListId: l.guestListId, tierId: t.tierId })));
  const counts = keys.length ? (await db().entities.guestTierCount.get(keys).go()).data : [];
  const taken = new Map(counts.map((c) => [`${c.guestListId}|${c.tierId}`, c.taken]));
  return {
    items: data.map((l) => toView(l, new Map(l.tiers.map((t) => [t.tierId, taken.get(`${l.guestListId}|${t.tierId}`) ?? 0])))),
    nextCursor: null,
  };
}
