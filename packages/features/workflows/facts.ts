import { db } from '#packages/core/db/service.ts';
import type { Facts } from './conditions.ts';

const EMAIL_SUBJECT = 'email:';

function buyerEmailOf(data: Record<string, unknown>): string | null {
  const buyer = data.buyer as { email?: unknown } | undefined;
  const email = typeof buyer?.email === 'string' ? buyer.email : typeof data.buyerEmail === 'string' ? data.buyerEmail : null;
  return email ? email.trim().toLowerCase() : null;
}

async function contactIdByEmail(email: string): Promise<string | null> {
  const { data: guard } = await db().entities.contactEmail.get({ email }).go();
  return guard?.contactId ?? null;
}

/**
 * Whom a run is for: the event's `contactId`, else the contact of its buyer's
 * email — or, when the CRM has no contact for that email yet (an order's buyer
 * is made a contact by another consumer, maybe not yet), `email:<address>`,
 * which later steps resolve again.
 */
export async function subjectOf(data: Record<string, unknown>): Promise<string | null> {
  if (typeof data.contactId === 'string') return data.contactId;
  const email = buyerEmailOf(data);
  if (!email) return null;
  return (await contactIdByEmail(email)) ?? `${EMAIL_SUBJECT}${email}`;
}

/** The contact's id now, for a subject that may be an email. */
export async function contactIdOfSubject(subject: string): Promise<string | null> {
  return subject.startsWith(EMAIL_SUBJECT) ? contactIdByEmail(subject.slice(EMAIL_SUBJECT.length)) : subject;
}

export async function contactFacts(subject: string, event: Record<string, unknown> = {}): Promise<Record<string, unknown> | null> {
  const contactId = await contactIdOfSubject(subject);
  if (!contactId) {
    // Not (yet) a contact: what the event says of the buyer.
    const buyer = (event.buyer ?? {}) as Record<string, unknown>;
    return { email: subject.slice(EMAIL_SUBJECT.length), firstName: buyer.firstName, lastName: buyer.lastName, tags: [] };
  }
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

export async function factsOf(context: string, subject: string): Promise<Facts> {
  const event = JSON.parse(context) as Record<string, unknown>;
  return { event, contact: await contactFacts(subject, event) };
}

/** `{{contact.firstName}}` → the fact, '' when absent. */
export function fill(template: string, facts: Facts): string {
  return template.replace(/\{\{\s*(event|contact)\.([A-Za-z0-9_.]+)\s*\}\}/g, (_m, root: string, path: string) => {
    let value: unknown = root === 'contact' ? facts.contact : facts.event;
    for (const key of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
}
