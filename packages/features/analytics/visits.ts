import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { VISIT_WINDOW_MS, type Touch, type Utm } from './touches.ts';

export interface VisitInput {
  utm?: Utm | undefined;
  promoterToken?: string | undefined;
  email?: string | undefined;
}

/** The promoter of a click token still in its window (promoters' click items, a key lookup). */
async function promoterOfClick(token: string | undefined, eventId: string, now: string): Promise<string | undefined> {
  if (!token) return undefined;
  const { data } = await db().entities.promoterClick.get({ clickId: token }).go();
  return data && data.eventId === eventId && Date.parse(now) - Date.parse(data.clickedAt) <= VISIT_WINDOW_MS ? data.promoterId : undefined;
}

/**
 * A landing on an event's page with UTM parameters or a promoter link's
 * token, at the server's time: kept as a touch an order can name
 * (`visitToken`, within 30 days), and published (`visit.recorded`) for the
 * metric store and, when the email is a known contact's, its journey.
 */
export async function recordVisit(eventId: string, input: VisitInput, ctx: RequestContext): Promise<{ visitId: string; token: string; at: string }> {
  const now = nowIso();
  const { data: event } = await db().entities.event.get({ eventId }).go({ attributes: ['eventId'] });
  if (!event) throw notFound('Event', eventId);
  const promoterId = await promoterOfClick(input.promoterToken, eventId, now);
  if (!promoterId && !input.utm) throw unprocessable('nothing_to_record', 'A visit needs UTM parameters or a valid promoter link token', {});
  const touch: Touch = promoterId
    ? { channel: 'promoter', at: now, promoterId, ...(input.utm ? { utm: input.utm } : {}) }
    : { channel: 'utm', at: now, utm: input.utm! };
  let contactId: string | undefined;
  if (input.email) {
    const { data: guard } = await db().entities.contactEmail.get({ email: input.email.trim().toLowerCase() }).go();
    contactId = guard?.contactId;
  }
  const visitId = newId();
  const visit = { visitId, eventId, at: now, touch, ...(contactId ? { contactId } : {}) };
  const result = await transactWithEvents(
    (entities) => [entities.visit.create({ ...visit, ttl: Math.floor((Date.parse(now) + VISIT_WINDOW_MS) / 1000) + 86_400 }).commit()],
    [domainEvent('visit.recorded', visit, ctx)],
  );
  if (result.canceled) throw new Error(`visit ${visitId} was not written`);
  return { visitId, token: visitId, at: now };
}
