import { db } from '#packages/core/db/service.ts';
import type { AnnouncementItem } from './announcement-store.ts';

/** One address of an audience (lower-cased: one mail per person) and the name to greet. */
export interface Recipient {
  email: string;
  name: string;
}

interface TicketLike {
  ticketId: string;
  ticketTypeId: string;
  status: string;
  holderName?: string;
  holderEmail?: string;
  attendee?: unknown;
  attendeeEmail?: string;
}

/** A ticket's person: its named attendee, else the buyer it was issued to. */
function personOf(t: TicketLike): Recipient | null {
  const attendee = t.attendee as { firstName?: string; lastName?: string } | undefined;
  const email = t.attendeeEmail ?? t.holderEmail;
  if (!email) return null;
  const name = attendee ? [attendee.firstName, attendee.lastName].filter(Boolean).join(' ') : (t.holderName ?? '');
  return { email: email.trim().toLowerCase(), name };
}

function add(into: Map<string, Recipient>, r: Recipient | null): void {
  if (r && !into.has(r.email)) into.set(r.email, r);
}

/** Valid tickets of the event's paid orders (row: orders by event and status, then tickets by order). */
async function eventTickets(eventId: string, ticketTypeId?: string): Promise<TicketLike[]> {
  const { data: orders } = await db().entities.order.query.byEventStatus({ eventId, status: 'paid' }).go({ pages: 'all', attributes: ['orderId'] });
  const tickets: TicketLike[] = [];
  const queue = orders.map((o) => o.orderId);
  const worker = async () => {
    for (let orderId = queue.shift(); orderId; orderId = queue.shift()) {
      const { data } = await db().entities.ticket.query.byOrder({ orderId }).go({ pages: 'all' });
      tickets.push(...data.filter((t) => t.status === 'valid' && (!ticketTypeId || t.ticketTypeId === ticketTypeId)));
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, queue.length) }, worker));
  return tickets;
}

/** The session's confirmed registrants' tickets. */
async function sessionTickets(sessionId: string): Promise<TicketLike[]> {
  const { data: regs } = await db().entities.sessionRegistration.query.byState({ sessionId, state: 'confirmed' }).go({ pages: 'all' });
  const found = await Promise.all(regs.map((r) => db().entities.ticket.get({ ticketId: r.ticketId }).go()));
  return found.flatMap(({ data }) => (data && data.status === 'valid' ? [data] : []));
}

/** Who an announcement goes to, resolved when it is sent: each address once. */
export async function resolveAudience(a: AnnouncementItem): Promise<Recipient[]> {
  const out = new Map<string, Recipient>();
  if (a.audience === 'speakers') {
    const { data } = await db().entities.speaker.query.byEvent({ eventId: a.eventId }).go({ pages: 'all' });
    for (const s of data) add(out, { email: s.email.trim().toLowerCase(), name: s.name });
  } else {
    const tickets = a.audience === 'session' ? await sessionTickets(a.sessionId!) : await eventTickets(a.eventId, a.audience === 'ticket_type' ? a.ticketTypeId : undefined);
    for (const t of tickets.sort((x, y) => x.ticketId.localeCompare(y.ticketId))) add(out, personOf(t));
  }
  return [...out.values()];
}

/** Whether a ticket is in an announcement's audience (the attendee feed). Speakers' announcements are not in it. */
export async function ticketInAudience(a: AnnouncementItem, ticket: { ticketId: string; ticketTypeId: string }): Promise<boolean> {
  switch (a.audience) {
    case 'attendees':
      return true;
    case 'ticket_type':
      return a.ticketTypeId === ticket.ticketTypeId;
    case 'session': {
      const { data } = await db().entities.sessionRegistration.get({ sessionId: a.sessionId!, ticketId: ticket.ticketId }).go();
      return data?.state === 'confirmed';
    }
    case 'speakers':
      return false;
  }
}
