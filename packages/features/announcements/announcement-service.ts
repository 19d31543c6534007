import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import type { AnnouncementView, CreateAnnouncementInput } from './contract.ts';
import { toAnnouncementView, watchdogAt, type AnnouncementItem } from './announcement-store.ts';

async function checkAudience(eventId: string, input: CreateAnnouncementInput): Promise<void> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  if (input.audience === 'ticket_type') {
    const { data } = await db().entities.ticketType.get({ eventId, ticketTypeId: input.ticketTypeId! }).go();
    if (!data) throw unprocessable('ticket_type_not_found', 'Not a ticket type of this event', { errors: [{ path: 'body.ticketTypeId', message: 'must be a ticket type of this event' }] });
  }
  if (input.audience === 'session') {
    const { data } = await db().entities.session.get({ eventId, sessionId: input.sessionId! }).go();
    if (!data) throw unprocessable('session_not_found', 'Not a session of this event', { errors: [{ path: 'body.sessionId', message: 'must be a session of this event' }] });
  }
}

/**
 * Creates an announcement. Due now: `sending`, with `announcement.requested`
 * in the same transaction (its consumer mails the audience); ahead: `scheduled`,
 * and the `announcements-due` job requests it when its time comes.
 */
export async function createAnnouncement(eventId: string, input: CreateAnnouncementInput, ctx: RequestContext): Promise<AnnouncementView> {
  await checkAudience(eventId, input);
  const now = nowIso();
  const sendAt = input.sendAt && Date.parse(input.sendAt) > Date.now() ? new Date(input.sendAt).toISOString() : now;
  const state = sendAt > now ? ('scheduled' as const) : ('sending' as const);
  const item: AnnouncementItem = {
    eventId,
    announcementId: newId(),
    subject: input.subject,
    body: input.body,
    audience: input.audience,
    ...(input.audience === 'ticket_type' ? { ticketTypeId: input.ticketTypeId } : {}),
    ...(input.audience === 'session' ? { sessionId: input.sessionId } : {}),
    state,
    sendAt,
    dueAt: state === 'sending' ? watchdogAt() : sendAt,
    createdBy: ctx.actorId,
    createdAt: now,
  } as AnnouncementItem;
  const events = state === 'sending' ? [domainEvent('announcement.requested', { eventId, announcementId: item.announcementId }, ctx)] : [];
  const result = await transactWithEvents((e) => [e.announcement.create(item).commit()], events);
  if (result.canceled) throw new Error(`announcement ${item.announcementId} was not written`);
  return toAnnouncementView(item);
}

export async function listAnnouncements(eventId: string): Promise<AnnouncementView[]> {
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) throw notFound('Event', eventId);
  const { data } = await db().entities.announcement.query.byEvent({ eventId }).go({ pages: 'all' });
  return data.map(toAnnouncementView);
}

export async function getAnnouncement(eventId: string, announcementId: string): Promise<AnnouncementView> {
  const { data } = await db().entities.announcement.get({ eventId, announcementId }).go({ consistent: true });
  if (!data) throw notFound('Announcement', announcementId);
  return toAnnouncementView(data);
}
