import type { EntityItem } from 'electrodb';
import type { BundleView, CreateBundleInput } from './contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { bundleEntity } from '#packages/core/db/entities/bundle.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';

type BundleItem = EntityItem<typeof bundleEntity>;

async function listPrices(eventId: string): Promise<Map<string, number>> {
  const { data } = await db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all' });
  return new Map(data.map((t) => [t.ticketTypeId, t.price.amount]));
}

function toView(item: BundleItem, prices: Map<string, number>): BundleView {
  const { bundleId, ...rest } = item;
  const list = item.items.reduce((sum, c) => sum + (prices.get(c.ticketTypeId) ?? 0) * c.quantity, 0);
  const currency = item.price.currency;
  return { id: bundleId, ...rest, listPrice: { amount: list, currency }, discount: { amount: Math.max(0, list - item.price.amount), currency } };
}

export async function createBundle(eventId: string, input: CreateBundleInput): Promise<BundleView> {
  const event = await loadEvent(eventId);
  if (event.status === 'canceled') throw conflict('event_canceled', 'A canceled event cannot change');
  if (input.price.currency !== event.currency) throw unprocessable('currency_mismatch', `Prices of this event are in ${event.currency}`);
  const prices = await listPrices(eventId);
  const seen = new Set<string>();
  for (const c of input.items) {
    if (!prices.has(c.ticketTypeId)) throw unprocessable('unknown_ticket_type', `Ticket type ${c.ticketTypeId} is not sold for this event`);
    if (seen.has(c.ticketTypeId)) throw unprocessable('duplicate_component', 'Name each ticket type once, with its quantity');
    seen.add(c.ticketTypeId);
  }
  const at = nowIso();
  const item: BundleItem = { ...input, eventId, bundleId: newId(), createdAt: at, updatedAt: at };
  await db().entities.bundle.create(item).go();
  return toView(item, prices);
}

export async function listBundles(eventId: string, page: PageRequest): Promise<Page<BundleView>> {
  await loadEvent(eventId);
  const [prices, { data, cursor }] = await Promise.all([
    listPrices(eventId),
    db().entities.bundle.query.byEvent({ eventId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) }),
  ]);
  return { items: data.map((b) => toView(b, prices)), nextCursor: cursor };
}
