import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';
import { checkedCursor, type Page } from '#packages/core/pagination.ts';
import type { AttendeeQuestionView } from '#packages/features/ticket-types/contract.ts';
import { questionsOf } from './attendee-service.ts';
import { rawTicketsOfOrder, toAttendeeView, hasCheckedIn } from './attendee-view.ts';
import type { AttendeeView } from './contract.ts';

const TICKET_QUERY_CONCURRENCY = 8;

export interface AttendeeFilter {
  limit: number;
  cursor?: string | undefined;
  ticketTypeId?: string | undefined;
  checkedIn?: 'true' | 'false' | undefined;
}

/**
 * An event's attendees for badges and lists. There is no tickets-by-event
 * index (a ticket scan would pay for a third copy on every check-in): a page
 * is `limit` paid orders of the event (row 16) and their tickets (row 21, one
 * Query per order, 8 at a time), filtered — so a filtered page may hold fewer
 * or more than `limit` items; `nextCursor` says whether more follow.
 */
export async function listAttendees(eventId: string, filter: AttendeeFilter): Promise<Page<AttendeeView>> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const page = await db()
    .entities.order.query.byEventStatus({ eventId, status: 'paid' })
    .go({ cursor: checkedCursor(filter.cursor), attributes: ['orderId'], limit: filter.limit });
  const orderIds = page.data.map((o) => o.orderId);
  const byOrder = new Map<string, AttendeeView[]>();
  const queue = [...orderIds];
  async function worker() {
    for (let orderId = queue.shift(); orderId; orderId = queue.shift()) {
      const tickets = await rawTicketsOfOrder(orderId);
      byOrder.set(
        orderId,
        tickets
          .filter((t) => !filter.ticketTypeId || t.ticketTypeId === filter.ticketTypeId)
          .filter((t) => filter.checkedIn === undefined || hasCheckedIn(t) === (filter.checkedIn === 'true'))
          .sort((a, b) => a.ticketId.localeCompare(b.ticketId))
          .map(toAttendeeView),
      );
    }
  }
  await Promise.all(Array.from({ length: Math.min(TICKET_QUERY_CONCURRENCY, queue.length) }, worker));
  return { items: orderIds.flatMap((id) => byOrder.get(id) ?? []), nextCursor: page.cursor };
}

/** What the buyer's link shows: the order's tickets, each with its attendee (or null) and its type's questions. */
export async function attendeeForm(orderId: string): Promise<{ orderId: string; eventId: string; tickets: Array<AttendeeView & { questions: AttendeeQuestionView[] }> }> {
  const { data: order } = await db().entities.order.get({ orderId }).go();
  if (!order) throw notFound('Order', orderId);
  const tickets = (await rawTicketsOfOrder(orderId)).sort((a, b) => a.ticketId.localeCompare(b.ticketId));
  const questions = new Map<string, AttendeeQuestionView[]>();
  for (const typeId of new Set(tickets.map((t) => t.ticketTypeId))) questions.set(typeId, await questionsOf(order.eventId, typeId));
  return { orderId, eventId: order.eventId, tickets: tickets.map((t) => ({ ...toAttendeeView(t), questions: questions.get(t.ticketTypeId) ?? [] })) };
}
