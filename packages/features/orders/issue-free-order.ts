import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { createOrder } from './create-order.ts';

export interface FreeOrderBuyer {
  email: string;
  firstName?: string | undefined;
  lastName?: string | undefined;
}

/**
 * One ticket of a free ticket type, issued by staff without payment (sponsor
 * passes): an ordinary order of price 0, so it is paid at once, counts
 * against the type's capacity and is mailed like any other. The type may be
 * promoter-only (hidden from the public), which is how a pass type stays off sale.
 */
export async function issueFreeTicket(eventId: string, ticketTypeId: string, buyer: FreeOrderBuyer, ctx: RequestContext): Promise<{ orderId: string; ticketId: string }> {
  const { data: type } = await db().entities.ticketType.get({ eventId, ticketTypeId }).go();
  if (!type) throw unprocessable('ticket_type_not_found', `Event ${eventId} has no ticket type ${ticketTypeId}`);
  if (type.price.amount !== 0) throw unprocessable('ticket_type_not_free', 'Passes are issued only on a ticket type of price 0', { ticketTypeId });
  const { order } = await createOrder(eventId, { buyer, items: [{ ticketTypeId, quantity: 1 }] }, ctx, {}, new Set([ticketTypeId]));
  const { data: tickets } = await db().entities.ticket.query.byOrder({ orderId: order.orderId }).go();
  return { orderId: order.orderId, ticketId: tickets[0]!.ticketId };
}
