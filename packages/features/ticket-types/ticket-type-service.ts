import type { EntityItem } from 'electrodb';
import type { CreateTicketTypeInput, TicketTypeView, UpdateTicketTypeInput } from './contract.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import { createPoolItems, resizePool } from '#packages/features/inventory/index.ts';
import { shardCount, ticketTypePool } from '#packages/features/inventory/index.ts';
import { allOf, assertRevision, bump, revisionCondition, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { ticketTypeEntity } from '#packages/core/db/entities/ticket-type.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';

type TicketTypeItem = EntityItem<typeof ticketTypeEntity>;

const toView = ({ inventoryShards: _internal, ...item }: TicketTypeItem): TicketTypeView => withId(item, 'ticketTypeId');


/** The event must exist, not be canceled, and the price must be in its currency. */
async function assertEventAccepts(eventId: string, price: { currency: string } | undefined): Promise<void> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  if (event.status === 'canceled') throw conflict('event_canceled', 'A canceled event cannot change');
  if (price && price.currency !== event.currency) {
    throw unprocessable('currency_mismatch', `Prices of this event are in ${event.currency}`, { currency: event.currency });
  }
}

export async function createTicketType(eventId: string, input: CreateTicketTypeInput): Promise<TicketTypeView> {
  await assertEventAccepts(eventId, input.price);
  const ticketTypeId = newId();
  const at = nowIso();
  const item: TicketTypeItem = {
    ...input,
    ...definedOnly({ salesStartAt: toUtc(input.salesStartAt), salesEndAt: toUtc(input.salesEndAt) }),
    eventId,
    ticketTypeId,
    inventoryShards: shardCount(input.capacity),
    createdAt: at,
    updatedAt: at,
  };
  // The type and its capacity slices appear together or not at all.
  await db()
    .transaction.write((entities) => [
      entities.ticketType.create(item).commit(),
      ...createPoolItems(entities, ticketTypePool(ticketTypeId), input.capacity),
    ])
    .go();
  return toView(item);
}

export async function getTicketType(eventId: string, ticketTypeId: string): Promise<TicketTypeView> {
  const { data } = await db().entities.ticketType.get({ eventId, ticketTypeId }).go();
  if (!data) throw notFound('Ticket type', ticketTypeId);
  return toView(data);
}

export async function listTicketTypes(eventId: string, page: PageRequest): Promise<Page<TicketTypeView>> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const { data, cursor } = await db()
    .entities.ticketType.query.byEvent({ eventId })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

export async function updateTicketType(eventId: string, ticketTypeId: string, input: UpdateTicketTypeInput, ifMatch?: ExpectedRevision): Promise<TicketTypeView> {
  await assertEventAccepts(eventId, input.price);
  // The capacity lives in the inventory pool, written before the item: a stale If-Match must not resize it.
  if (input.capacity !== undefined && ifMatch !== undefined) assertRevision('Ticket type', ticketTypeId, await getTicketType(eventId, ticketTypeId), ifMatch);
  if (input.capacity !== undefined) await resizeTicketType(eventId, ticketTypeId, input.capacity);
  const changes = definedOnly({ ...input, salesStartAt: toUtc(input.salesStartAt), salesEndAt: toUtc(input.salesEndAt) });
  try {
    const { data } = await db()
      .entities.ticketType.patch({ eventId, ticketTypeId })
      .set(changes)
      .add(bump)
      .where((attr, op) =>
        allOf(
          revisionCondition(attr, op, ifMatch),
          changes.salesStartAt !== undefined && changes.salesEndAt === undefined
            ? `${op.notExists(attr.salesEndAt)} OR ${op.gt(attr.salesEndAt, changes.salesStartAt)}`
            : changes.salesEndAt !== undefined && changes.salesStartAt === undefined
              ? `${op.notExists(attr.salesStartAt)} OR ${op.lt(attr.salesStartAt, changes.salesEndAt)}`
              : '',
        ),
      )
      .go({ response: 'all_new' });
    return toView(data as TicketTypeItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    assertRevision('Ticket type', ticketTypeId, await getTicketType(eventId, ticketTypeId), ifMatch);
    throw unprocessable('invalid_sales_window', 'salesStartAt must be before salesEndAt');
  }
}

/** Capacity can grow freely and shrink down to what is sold or held, never below. */
async function resizeTicketType(eventId: string, ticketTypeId: string, capacity: number): Promise<void> {
  const { data: current } = await db().entities.ticketType.get({ eventId, ticketTypeId }).go({ consistent: true });
  if (!current) throw notFound('Ticket type', ticketTypeId);
  await resizePool(ticketTypePool(ticketTypeId), current.inventoryShards, capacity);
}
