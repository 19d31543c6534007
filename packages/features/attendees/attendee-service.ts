import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { ensureContact } from '#packages/features/contacts/index.ts';
import type { AttendeeQuestionView } from '#packages/features/ticket-types/contract.ts';
import type { AttendeeInputValue, AttendeeView } from './contract.ts';
import { toAttendeeView, type StoredAttendee } from './attendee-view.ts';

export async function questionsOf(eventId: string, ticketTypeId: string): Promise<AttendeeQuestionView[]> {
  const { data } = await db().entities.ticketType.get({ eventId, ticketTypeId }).go();
  return (data?.attendeeQuestions as AttendeeQuestionView[] | undefined) ?? [];
}

function checkedAnswers(questions: readonly AttendeeQuestionView[], answers: Record<string, string>): Record<string, string> {
  const errors: Array<{ path: string; message: string }> = [];
  const known = new Set(questions.map((q) => q.id));
  for (const id of Object.keys(answers)) if (!known.has(id)) errors.push({ path: `body.answers.${id}`, message: 'no such question for this ticket type' });
  for (const q of questions) {
    const answer = answers[q.id]?.trim();
    if (!answer) {
      if (q.required) errors.push({ path: `body.answers.${q.id}`, message: 'is required' });
    } else if (q.options && !q.options.includes(answer)) {
      errors.push({ path: `body.answers.${q.id}`, message: `must be one of: ${q.options.join(', ')}` });
    }
  }
  if (errors.length) throw unprocessable('answers_invalid', "The answers do not fit the ticket type's questions", { errors });
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
}

/**
 * Names a ticket's attendee: their contact (found or created by email), then
 * the attendee on the ticket with `attendee.assigned` in one transaction. The
 * holder (the buyer) stays; `holderName` becomes the attendee's so the door
 * sees who should be standing there. `orderId` binds a buyer's link to the
 * order it was mailed for.
 */
export async function assignAttendee(
  ticketId: string,
  input: AttendeeInputValue,
  ctx: RequestContext,
  by: { kind: 'buyer'; orderId: string } | { kind: 'staff' },
): Promise<AttendeeView> {
  const { data: ticket } = await db().entities.ticket.get({ ticketId }).go({ consistent: true });
  if (!ticket || (by.kind === 'buyer' && ticket.orderId !== by.orderId)) throw notFound('Ticket', ticketId);
  if (ticket.status !== 'valid') throw conflict('ticket_void', 'This ticket is no longer valid');
  const answers = checkedAnswers(await questionsOf(ticket.eventId, ticket.ticketTypeId), input.answers ?? {});
  const { contactId } = await ensureContact({ email: input.email, firstName: input.firstName, lastName: input.lastName }, ctx);
  const attendee: StoredAttendee = {
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email,
    ...(input.company ? { company: input.company } : {}),
    ...(input.jobTitle ? { jobTitle: input.jobTitle } : {}),
    answers,
  };
  const name = `${input.firstName} ${input.lastName}`;
  const result = await transactWithEvents(
    (entities) => [
      entities.ticket
        .patch({ ticketId })
        .set({ attendee, attendeeContactId: contactId, attendeeEmail: input.email, holderName: name, updatedAt: nowIso() })
        .where((a, op) => op.eq(a.status, 'valid'))
        .commit(),
    ],
    [
      domainEvent(
        'attendee.assigned',
        { ticketId, eventId: ticket.eventId, orderId: ticket.orderId, ticketTypeId: ticket.ticketTypeId, contactId, email: input.email, name, assignedBy: by.kind },
        ctx,
      ),
    ],
  );
  if (result.canceled) throw conflict('ticket_void', 'This ticket is no longer valid');
  return toAttendeeView({ ...ticket, attendee, attendeeContactId: contactId } as never);
}
