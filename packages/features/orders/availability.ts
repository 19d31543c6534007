import type { AvailabilityView } from './contract.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { readPools } from '#packages/features/inventory/index.ts';
import { unlockedTicketTypes } from '#packages/features/promoters/index.ts';
import { eventPool, sumOf, ticketTypePool } from '#packages/features/inventory/index.ts';

/**
 * What the storefront shows: per ticket type and for the whole event, the
 * capacity, sold, held and available seats, summed over each pool's slices.
 * A hold that expired is counted until the next sweep (at most a minute).
 */
export async function getAvailability(eventId: string, promoterToken?: string): Promise<AvailabilityView> {
  const [event, allTypes, unlocked] = await Promise.all([
    db().entities.event.get({ eventId }).go(),
    db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all' }),
    unlockedTicketTypes(promoterToken, eventId, nowIso()),
  ]);
  // Promoter-only types show only to a buyer who came through a link unlocking them.
  const types = { data: allTypes.data.filter((t) => !t.promoterOnly || unlocked.has(t.ticketTypeId)) };
  if (!event.data || event.data.status === 'draft') throw notFound('Event', eventId);
  const pools = new Map(types.data.map((t) => [ticketTypePool(t.ticketTypeId), t.inventoryShards]));
  if (event.data.inventoryShards) pools.set(eventPool(eventId), event.data.inventoryShards);
  // For display: an eventually consistent read (half the RCU) may lag a sale by a moment.
  const shards = await readPools(pools, false);
  const now = nowIso();
  const onSale = event.data.status === 'published' && now < event.data.endsAt;
  return {
    eventId,
    ticketTypes: types.data.map((t) => ({
      ticketTypeId: t.ticketTypeId,
      name: t.name,
      price: t.price,
      onSale: onSale && (!t.salesStartAt || now >= t.salesStartAt) && (!t.salesEndAt || now < t.salesEndAt),
      ...sumOf(shards.get(ticketTypePool(t.ticketTypeId)) ?? []),
    })),
    total: event.data.inventoryShards ? sumOf(shards.get(eventPool(eventId)) ?? []) : null,
  };
}
