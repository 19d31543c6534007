import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { nowIso } from '#packages/core/clock.ts';
import { sendOnce } from '#packages/core/bus/send-once.ts';
import { db } from '#packages/core/db/service.ts';
import { renderOrderConfirmation } from '#packages/mail/order-confirmation.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';

const CONSUMER = consumers.mailAttendeeTicket.idempotencyScope;

/**
 * The named attendee gets their own ticket, once per (ticket, address) ever
 * (sendOnce: a redelivery sends nothing, a refused send is retried). Renaming the attendee to another address mails
 * the new one; naming the same person twice mails nothing more.
 */
export async function mailAttendeeTicket(assigned: EventData<'attendee.assigned'>): Promise<'sent' | 'already_sent' | 'skipped'> {
  return sendOnce(CONSUMER, `${assigned.ticketId}#${assigned.email}`, async () => {
    const [{ data: ticket }, { data: event }, { data: type }] = await Promise.all([
      db().entities.ticket.get({ ticketId: assigned.ticketId }).go(),
      db().entities.event.get({ eventId: assigned.eventId }).go(),
      db().entities.ticketType.get({ eventId: assigned.eventId, ticketTypeId: assigned.ticketTypeId }).go(),
    ]);
    if (!ticket || ticket.status !== 'valid') return 'skipped';
    const mail = await renderOrderConfirmation({
      buyer: { email: assigned.email, firstName: assigned.name.split(' ')[0] ?? '' },
      order: { id: assigned.orderId, total: { amount: 0, currency: event?.currency ?? 'EUR' } },
      event: { name: event?.name ?? 'your event', startsAt: event?.startsAt ?? nowIso() },
      tickets: [{ id: ticket.ticketId, ticketTypeName: type?.name ?? 'Ticket', code: ticket.code }],
      forAttendee: true,
    });
    await sendEmail({ to: assigned.email, ...mail });
    return 'sent';
  });
}
