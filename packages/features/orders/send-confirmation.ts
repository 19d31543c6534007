import { renderOrderConfirmation } from '#packages/mail/order-confirmation.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { db } from '#packages/core/db/service.ts';
import { sendOnce } from '#packages/core/bus/send-once.ts';
import { attendeeFormToken, attendeeFormUrl } from '#packages/features/attendees/index.ts';

const CONSUMER = consumers.sendOrderConfirmation.idempotencyScope;

/**
 * One confirmation email per order, ever: the claim is keyed by the order,
 * not the delivery, so a redelivered or duplicated event sends nothing
 * (sendOnce).
 */
export async function sendOrderConfirmation(paid: EventData<'order.paid'>): Promise<'sent' | 'already_sent'> {
  return sendOnce(CONSUMER, paid.orderId, async () => {
    const [event, tickets, types] = await Promise.all([
      db().entities.event.get({ eventId: paid.eventId }).go(),
      db().entities.ticket.query.byOrder({ orderId: paid.orderId }).go({ pages: 'all' }),
      db().entities.ticketType.query.byEvent({ eventId: paid.eventId }).go({ pages: 'all' }),
    ]);
    const venue = event.data ? await db().entities.venue.get({ venueId: event.data.venueId }).go() : null;
    const typeName = new Map(types.data.map((t) => [t.ticketTypeId, t.name]));
    const mail = await renderOrderConfirmation({
      buyer: paid.buyer,
      order: { id: paid.orderId, total: paid.total },
      event: { name: event.data?.name ?? 'your event', startsAt: event.data?.startsAt ?? paid.paidAt, ...(venue?.data ? { venueName: venue.data.name } : {}) },
      tickets: tickets.data.map((t) => ({ id: t.ticketId, ticketTypeName: typeName.get(t.ticketTypeId) ?? 'Ticket', code: t.code })),
      attendeeFormUrl: attendeeFormUrl(attendeeFormToken(paid.orderId)),
    });
    await sendEmail({ to: paid.buyer.email, ...mail });
    return 'sent' as const;
  });
}
