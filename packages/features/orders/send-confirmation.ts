import { renderOrderConfirmation } from '#packages/mail/order-confirmation.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { attendeeFormToken, attendeeFormUrl } from '#packages/features/attendees/index.ts';

const CONSUMER = consumers.sendOrderConfirmation.idempotencyScope;
const CLAIM_TTL_SECONDS = 30 * 24 * 3600;

/**
 * One confirmation email per order, ever. The claim (keyed by the order, not
 * the delivery) is written before sending: a redelivered or duplicated event
 * finds it and sends nothing. If SES refuses, the claim is dropped so the
 * retry sends; only a crash between SES accepting and this function
 * returning could leave a claim without a mail — never two mails.
 */
export async function sendOrderConfirmation(paid: EventData<'order.paid'>): Promise<'sent' | 'already_sent'> {
  const claim = { consumer: CONSUMER, eventId: paid.orderId };
  try {
    await db()
      .entities.processedEvent.create({ ...claim, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS })
      .go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already_sent';
    throw error;
  }
  try {
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
    return 'sent';
  } catch (error) {
    await db().entities.processedEvent.delete(claim).go();
    throw error;
  }
}
