import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { renderOrderConfirmation } from '#packages/mail/order-confirmation.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';

const CONSUMER = consumers.mailAttendeeTicket.idempotencyScope;
const CLAIM_TTL_SECONDS = 400 * 24 * 3600;

/**
 * The named attendee gets their own ticket, once per (ticket, address) ever:
 * the claim is written before sending (a redelivery finds it), dropped if SES
 * refuses so the retry sends. Renaming the attendee to another address mails
 * the new one; naming the same person twice mails nothing more.
 */
export async function mailAttendeeTicket(assigned: EventData<'attendee.assigned'>): Promise<'sent' | 'already_sent' | 'skipped'> {
  const claim = { consumer: CONSUMER, eventId: `${assigned.ticketId}#${assigned.email}` };
  try {
    await db().entities.processedEvent.create({ ...claim, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS }).go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already_sent';
    throw error;
  }
  try {
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
  } catch (error) {
    await db().entities.processedEvent.delete(claim).go();
    throw error;
  }
}
