import { db } from '#packages/core/db/service.ts';
import { notFound } from '#packages/core/errors.ts';

export async function getTicket(ticketId: string) {
  const { data } = await db().entities.ticket.get({ ticketId }).go();
  if (!data) throw notFound('Ticket', ticketId);
  return data;
}
