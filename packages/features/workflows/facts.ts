import { db } from '#packages/core/db/service.ts';
import type { Facts } from './conditions.ts';

/** The contact a trigger's data is about: its `contactId`, or the contact of its buyer's email. */
export async function contactIdOf(data: Record<string, unknown>): Promise<string | null> {
  if (typeof data.contactId === 'string') return data.contactId;
  const buyer = data.buyer as { email?: unknown } | undefined;
  const email = typeof buyer?.email === 'string' ? buyer.email : typeof data.buyerEmail === 'string' ? data.buyerEmail : null;
  if (!email) return null;
  const { data: guard } = await db().entities.contactEmail.get({ email: email.trim().toLowerCase() }).go();
  return guard?.contactId ?? null;
}

export async function contactFacts(contactId: string): Promise<Record<string, unknown> | null> {
  const { data } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!data || data.state === 'trashed') return null;
  return { ...data, id: data.contactId, tags: data.tags ?? [] } as Record<string, unknown>;
}

/**
 * `event.*` of conditions and templates: the trigger's data, plus — when it
 * names an event (`eventId`) — that event's name, start and venue time zone.
 */
export async function eventFacts(data: Record<string, unknown>): Promise<Record<string, unknown>> {
  if (typeof data.eventId !== 'string') return { ...data };
  const eventId = data.eventId;
  const { data: event } = await db().entities.event.get({ eventId }).go();
  if (!event) return { ...data };
  const { data: venue } = await db().entities.venue.get({ venueId: event.venueId }).go();
  return {
    ...data,
    name: event.name,
    startsAt: event.startsAt,
    ...(venue ? { venueName: venue.name, timezone: venue.timezone } : {}),
    ...(typeof data.orderId === 'string' ? { ticketTypeNames: await ticketTypeNamesOf(data.orderId, eventId) } : {}),
  };
}

/** The names of the ticket types an order holds tickets of (`event.ticketTypeNames contains "VIP"`). */
async function ticketTypeNamesOf(orderId: string, eventId: string): Promise<string[]> {
  const [tickets, types] = await Promise.all([
    db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' }),
    db().entities.ticketType.query.byEvent({ eventId }).go({ pages: 'all' }),
  ]);
  const names = new Map(types.data.map((t) => [t.ticketTypeId, t.name]));
  return [...new Set(tickets.data.map((t) => names.get(t.ticketTypeId)).filter((n): n is string => !!n))];
}

export async function factsOf(context: string, contactId: string): Promise<Facts> {
  return { event: JSON.parse(context) as Record<string, unknown>, contact: await contactFacts(contactId) };
}

/** `{{contact.firstName}}` → the fact, '' when absent. */
export function fill(template: string, facts: Facts): string {
  return template.replace(/\{\{\s*(event|contact)\.([A-Za-z0-9_.]+)\s*\}\}/g, (_m, root: string, path: string) => {
    let value: unknown = root === 'contact' ? facts.contact : facts.event;
    for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
}
