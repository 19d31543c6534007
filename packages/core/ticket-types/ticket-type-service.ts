import type { EntityItem } from 'electrodb';
import type { CreateTicketTypeInput, TicketTypeView, UpdateTicketTypeInput } from '../../api/schemas/ticket-types.ts';
import { toUtc } from '../clock.ts';
import { isConditionFailure } from '../db/conditions.ts';
import type { ticketTypeEntity } from '../db/entities/ticket-type.ts';
import { db } from '../db/service.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { newId } from '../ids.ts';
import { checkedCursor, type Page, type PageRequest } from '../pagination.ts';
import { definedOnly, withId } from '../views.ts';

type TicketTypeItem = EntityItem<typeof ticketTypeEntity>;

const toView = (item: TicketTypeItem): TicketTypeView => withId(item, 'ticketTypeId');


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
  const { data } = await db()
    .entities.ticketType.create({
      ...input,
      ...definedOnly({ salesStartAt: toUtc(input.salesStartAt), salesEndAt: toUtc(input.salesEndAt) }),
      eventId,
      ticketTypeId: newId(),
    })
    .go();
  return toView(data);
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

export async function updateTicketType(eventId: string, ticketTypeId: string, input: UpdateTicketTypeInput): Promise<TicketTypeView> {
  await assertEventAccepts(eventId, input.price);
  const changes = definedOnly({ ...input, salesStartAt: toUtc(input.salesStartAt), salesEndAt: toUtc(input.salesEndAt) });
  try {
    const { data } = await db()
      .entities.ticketType.patch({ eventId, ticketTypeId })
      .set(changes)
      .where((attr, op) =>
        changes.salesStartAt !== undefined && changes.salesEndAt === undefined
          ? `${op.notExists(attr.salesEndAt)} OR ${op.gt(attr.salesEndAt, changes.salesStartAt)}`
          : changes.salesEndAt !== undefined && changes.salesStartAt === undefined
            ? `${op.notExists(attr.salesStartAt)} OR ${op.lt(attr.salesStartAt, changes.salesEndAt)}`
            : '',
      )
      .go({ response: 'all_new' });
    return toView(data as TicketTypeItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    await getTicketType(eventId, ticketTypeId);
    throw unprocessable('invalid_sales_window', 'salesStartAt must be before salesEndAt');
  }
}
