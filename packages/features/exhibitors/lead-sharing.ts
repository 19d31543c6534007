import { db } from '#packages/core/db/service.ts';
import { attendeeOfToken, validTicket } from '#packages/features/sessions/index.ts';

/** The attendee's own answer, through their attendee link: share my details with the exhibitors I let scan my badge (per ticket). */
export async function setLeadSharing(token: string, share: boolean) {
  const ref = attendeeOfToken(token);
  await validTicket(ref);
  await db().entities.leadSharing.put({ ticketId: ref.ticketId, eventId: ref.eventId, share }).go();
  return { ticketId: ref.ticketId, share };
}

export async function getLeadSharing(token: string) {
  const ref = attendeeOfToken(token);
  const { data } = await db().entities.leadSharing.get({ ticketId: ref.ticketId }).go();
  return { ticketId: ref.ticketId, share: data?.share === true };
}
