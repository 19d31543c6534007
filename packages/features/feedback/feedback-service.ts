import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import type { FeedbackInputValue, FeedbackView } from './contract.ts';
import { feedbackToken, type FeedbackClaims } from './feedback-token.ts';

const DEFAULT_OPEN_AFTER_END_MS = 14 * 24 * 3600 * 1000;

export async function feedbackWindow(eventId: string): Promise<{ enabled: boolean; closesAt: string; eventName: string }> {
  const [{ data: event }, { data: settings }] = await Promise.all([
    db().entities.event.get({ eventId }).go(),
    db().entities.feedbackSettings.get({ eventId }).go({ consistent: true }),
  ]);
  if (!event) throw notFound('Event', eventId);
  return {
    enabled: settings?.enabled ?? true,
    closesAt: settings?.closesAt ?? new Date(Date.parse(event.endsAt) + DEFAULT_OPEN_AFTER_END_MS).toISOString(),
    eventName: event.name,
  };
}

export async function setFeedbackSettings(eventId: string, input: { enabled: boolean; closesAt?: string | undefined }) {
  await feedbackWindow(eventId);
  const closesAt = input.closesAt ? new Date(input.closesAt).toISOString() : undefined;
  await db().entities.feedbackSettings.put({ eventId, enabled: input.enabled, ...(closesAt ? { closesAt } : {}), updatedAt: nowIso() }).go();
  return feedbackWindow(eventId).then(({ enabled, closesAt: c }) => ({ enabled, closesAt: c }));
}

async function targetTitle(eventId: string, target: string, eventName: string): Promise<string> {
  if (target === 'event') return eventName;
  const { data } = await db().entities.session.get({ eventId, sessionId: target }).go();
  if (!data) throw notFound('Session', target);
  return data.title;
}

async function attendeeTicket(claims: FeedbackClaims) {
  const { data: ticket } = await db().entities.ticket.get({ ticketId: claims.ticketId }).go();
  if (!ticket || ticket.eventId !== claims.eventId) throw notFound('Ticket', claims.ticketId);
  if (ticket.status !== 'valid') throw conflict('ticket_void', 'This ticket is no longer valid');
  return ticket;
}

export async function getFeedback(claims: FeedbackClaims): Promise<FeedbackView> {
  const window = await feedbackWindow(claims.eventId);
  const [title, { data }] = await Promise.all([
    targetTitle(claims.eventId, claims.target, window.eventName),
    db().entities.feedback.get({ eventId: claims.eventId, target: claims.target, ticketId: claims.ticketId }).go(),
  ]);
  return {
    eventId: claims.eventId,
    target: claims.target,
    targetTitle: title,
    ...(data?.rating !== undefined ? { rating: data.rating } : {}),
    ...(data?.comment ? { comment: data.comment } : {}),
    ...(data?.nps !== undefined ? { nps: data.nps } : {}),
    ...(data ? { submittedAt: data.submittedAt, updatedAt: data.updatedAt } : {}),
    closesAt: window.closesAt,
  };
}

/**
 * One response per (attendee, target): a Put over the previous one (its first
 * submission time kept), while feedback is on and open, with
 * `feedback.submitted` for the attendee's contact — one transaction.
 */
export async function submitFeedback(claims: FeedbackClaims, input: FeedbackInputValue, ctx: RequestContext): Promise<FeedbackView> {
  if (input.rating === undefined && !input.comment && input.nps === undefined) throw unprocessable('empty_feedback', 'Give a rating, a comment or a score');
  if (input.nps !== undefined && claims.target !== 'event') {
    throw unprocessable('nps_event_only', 'The recommendation score is asked about the event only', { errors: [{ path: 'body.nps', message: 'only for the event' }] });
  }
  const window = await feedbackWindow(claims.eventId);
  if (!window.enabled) throw conflict('feedback_disabled', 'Feedback is turned off for this event');
  const at = nowIso();
  if (at >= window.closesAt) throw conflict('feedback_closed', 'Feedback for this event has closed', { closesAt: window.closesAt });
  const [ticket] = await Promise.all([attendeeTicket(claims), targetTitle(claims.eventId, claims.target, window.eventName)]);
  const { data: previous } = await db().entities.feedback.get({ eventId: claims.eventId, target: claims.target, ticketId: claims.ticketId }).go({ consistent: true });
  const contactId = ticket.attendeeContactId;
  const email = ticket.attendeeEmail ?? ticket.holderEmail ?? '';
  const item = {
    eventId: claims.eventId,
    target: claims.target,
    ticketId: claims.ticketId,
    ...(contactId ? { contactId } : {}),
    ...(input.rating !== undefined ? { rating: input.rating } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
    ...(input.nps !== undefined ? { nps: input.nps } : {}),
    submittedAt: previous?.submittedAt ?? at,
    updatedAt: at,
  };
  const result = await transactWithEvents(
    (e) => [e.feedback.put(item).commit()],
    [
      domainEvent(
        'feedback.submitted',
        { eventId: claims.eventId, target: claims.target, ticketId: claims.ticketId, ...(contactId ? { contactId } : {}), email, ...(input.rating !== undefined ? { rating: input.rating } : {}), ...(input.nps !== undefined ? { nps: input.nps } : {}), submittedAt: at },
        ctx,
      ),
    ],
  );
  if (result.canceled) throw conflict('busy', 'Try again');
  return getFeedback(claims);
}

/** Staff (or the mailer) get an attendee's feedback link for a target; it expires when feedback closes. */
export async function feedbackLinkFor(ticketId: string, target: string, base = process.env.PUBLIC_BASE_URL ?? '') {
  const { data: ticket } = await db().entities.ticket.get({ ticketId }).go();
  if (!ticket) throw notFound('Ticket', ticketId);
  const window = await feedbackWindow(ticket.eventId);
  await targetTitle(ticket.eventId, target, window.eventName);
  const token = feedbackToken({ ticketId, eventId: ticket.eventId, target }, new Date(window.closesAt));
  return { ticketId, target, token, url: `${base.replace(/\/+$/, '')}/v1/feedback/${encodeURIComponent(token)}`, expiresAt: window.closesAt };
}
