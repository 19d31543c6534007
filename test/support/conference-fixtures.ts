import { LOCAL_TICKET_SIGNING_KEY } from '#packages/local/local-stack.ts';
import { signLinkToken } from '#packages/core/signed-token.ts';
import type { ApiCaller } from './local-api.ts';
import { buyerEmail, givenPaidOrder, givenPublishedEvent, givenTicketType } from './sales-fixtures.ts';

/** The key the local stack signs with (tests sign links as the mailer would). */
export const signingKey = () => process.env.TICKET_SIGNING_KEY || LOCAL_TICKET_SIGNING_KEY;

export const linkToken = (kind: string, claims: Record<string, string>, expiresAt = new Date(Date.now() + 3600_000)) =>
  signLinkToken(kind, claims, expiresAt, signingKey());

export async function givenConference(call: ApiCaller, typeOver: Record<string, unknown> = {}, eventOver: Record<string, unknown> = {}) {
  const event = await givenPublishedEvent(call, eventOver);
  const type = await givenTicketType(call, event.id, { capacity: 5000, maxPerOrder: 50, ...typeOver });
  return { event, type };
}

/** `quantity` tickets bought by one fresh buyer, in paid orders of at most 40 (the order cap). */
export async function givenTickets(call: ApiCaller, eventId: string, ticketTypeId: string, quantity = 1) {
  const email = buyerEmail('conf-buyer');
  const orders = [];
  for (let left = quantity; left > 0; left -= 40) orders.push(await givenPaidOrder(call, eventId, ticketTypeId, { quantity: Math.min(40, left), email }));
  return { order: orders[0]!, buyer: email, tickets: orders.flatMap((o) => o.tickets!) };
}

/** Staff names a ticket's attendee; returns the attendee's email. */
export async function givenAttendee(call: ApiCaller, ticketId: string, over: Record<string, unknown> = {}) {
  const email = buyerEmail('attendee');
  const res = await call('PUT', `/v1/tickets/${ticketId}/attendee`, { body: { firstName: 'Ana', lastName: 'Ruiz', email, ...over } });
  if (res.status !== 200) throw new Error(`attendee: ${res.status} ${JSON.stringify(res.body)}`);
  return { email, contactId: res.body.attendee.contactId as string };
}
