import type { RequestContext } from '#packages/core/context.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { assignAttendee } from '#packages/features/attendees/index.ts';
import type { AttendeeInputValue } from '#packages/features/attendees/contract.ts';
import { issueFreeTicket } from '#packages/features/orders/index.ts';
import { loadSponsorship } from './sponsorship-service.ts';
import { loadTier } from './tier-service.ts';

const ISSUING = new Set(['signed', 'invoiced', 'paid', 'fulfilled']);

/**
 * A sponsor pass: a named ticket of the tier's pass ticket type (price 0, so
 * no payment). The pass count is taken first by a write conditioned on
 * staying within the tier's passes, so concurrent issues never exceed it; if
 * the ticket cannot be issued the count is given back.
 */
export async function issuePass(eventId: string, sponsorshipId: string, attendee: AttendeeInputValue, ctx: RequestContext) {
  const sponsorship = await loadSponsorship(eventId, sponsorshipId);
  if (!ISSUING.has(sponsorship.status)) throw conflict('not_signed', 'Passes are issued once the sponsorship is signed', { contractStatus: sponsorship.status });
  const tier = await loadTier(eventId, sponsorship.tierId);
  if (!tier.passTicketTypeId) throw unprocessable('no_pass_ticket_type', 'The tier names no ticket type for sponsor passes');
  let passesIssued: number;
  try {
    const { data } = await db()
      .entities.sponsorship.update({ sponsorshipId })
      .add({ passesIssued: 1 })
      .where((a, op) => op.lt(a.passesIssued, sponsorship.passesAllowed))
      .go({ response: 'all_new' });
    passesIssued = data.passesIssued!;
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('passes_used_up', `All ${sponsorship.passesAllowed} passes of this sponsorship are issued`);
    throw error;
  }
  let issued: { orderId: string; ticketId: string };
  try {
    issued = await issueFreeTicket(eventId, tier.passTicketTypeId, { email: attendee.email, firstName: attendee.firstName, lastName: attendee.lastName }, ctx);
  } catch (error) {
    await db().entities.sponsorship.update({ sponsorshipId }).add({ passesIssued: -1 }).go({ response: 'none' });
    throw error;
  }
  // The ticket exists from here on: a failure naming it leaves a pass whose attendee staff can still name (PUT /v1/tickets/{id}/attendee).
  await assignAttendee(issued.ticketId, attendee, ctx, { kind: 'staff' });
  return { sponsorshipId, ticketId: issued.ticketId, orderId: issued.orderId, email: attendee.email, passesIssued, passesAllowed: sponsorship.passesAllowed };
}
