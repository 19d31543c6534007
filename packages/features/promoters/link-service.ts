import { randomBytes } from 'node:crypto';
import type { EntityItem } from 'electrodb';
import type { ClickView, CreateLinkInput, PromoterLinkView } from './contract.ts';
import type { Principal } from '#packages/auth/principal.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { promoterLinkEntity } from '#packages/core/db/entities/promoter-link.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { assertCanActFor, assertCanSee } from './access.ts';
import { loadPromoter } from './promoter-item.ts';

export type LinkItem = EntityItem<typeof promoterLinkEntity>;

/** The attribution window: a click counts for sales within 30 days of it, by the server's clock. */
export const ATTRIBUTION_WINDOW_MS = 30 * 24 * 3600_000;

const clickPath = (slug: string) => `/v1/promoter-links/${slug}/click`;

const toView = ({ createdAt, updatedAt, ...link }: LinkItem): PromoterLinkView => ({ ...link, clickPath: clickPath(link.slug), createdAt, updatedAt });

/** 80 random bits: unguessable, short enough to share. */
const randomToken = (bytes = 10) => encodeCrockford(randomBytes(bytes));

export async function createLink(promoterId: string, input: CreateLinkInput, principal: Principal): Promise<PromoterLinkView> {
  await assertCanActFor(principal, promoterId);
  const promoter = await loadPromoter(promoterId);
  if (promoter.status !== 'active') throw unprocessable('promoter_inactive', 'The promoter is inactive');
  const { data: event } = await db().entities.event.get({ eventId: input.eventId }).go();
  if (!event) throw unprocessable('event_unknown', `Event ${input.eventId} does not exist`, { eventId: input.eventId });
  if (input.guestListId) {
    const { data: list } = await db().entities.guestList.get({ guestListId: input.guestListId }).go();
    if (!list || list.eventId !== input.eventId || !list.tiers.some((t) => t.tierId === input.tierId)) {
      throw unprocessable('guest_list_unknown', 'No such guest list tier for this event', { guestListId: input.guestListId });
    }
  }
  const { data } = await db()
    .entities.promoterLink.create({ slug: randomToken(), promoterId, ...input })
    .go();
  return toView(data);
}

export async function listLinks(promoterId: string, page: PageRequest, principal: Principal): Promise<Page<PromoterLinkView>> {
  await assertCanSee(principal, promoterId);
  const { data, cursor } = await db().entities.promoterLink.query.byPromoter({ promoterId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

export async function loadLink(slug: string): Promise<LinkItem> {
  const { data } = await db().entities.promoterLink.get({ slug }).go();
  if (!data) throw notFound('Link', slug);
  return data;
}

/**
 * A click: stamped with the server's time (never the client's) and kept
 * as long as it can attribute; its id is the token the storefront hands
 * back with the order. The storefront keeps the latest token, so the last
 * link clicked gets the sale.
 */
export async function recordClick(slug: string): Promise<ClickView & { targetUrl?: string }> {
  const link = await loadLink(slug);
  const promoter = await loadPromoter(link.promoterId);
  if (promoter.status !== 'active') throw notFound('Link', slug);
  const clickedAt = nowIso();
  const expiresAt = new Date(Date.parse(clickedAt) + ATTRIBUTION_WINDOW_MS).toISOString();
  const token = `pt_${randomToken(16)}`;
  await db()
    .entities.promoterClick.create({ clickId: token, slug, promoterId: link.promoterId, eventId: link.eventId, clickedAt, ttl: Math.floor(Date.parse(expiresAt) / 1000) + 86_400 })
    .go();
  return { token, promoterCode: promoter.code, eventId: link.eventId, clickedAt, expiresAt, ...(link.targetUrl ? { targetUrl: link.targetUrl } : {}) };
}
