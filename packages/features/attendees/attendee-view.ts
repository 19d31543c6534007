import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import type { AttendeeView } from './contract.ts';

/** A ticket as stored, presence attributes included (ElectroDB drops those: they are named per check-in list). */
export type RawTicket = Record<string, unknown> & {
  ticketId: string;
  orderId: string;
  eventId: string;
  ticketTypeId: string;
  status: 'valid' | 'void';
  attendee?: StoredAttendee;
  attendeeContactId?: string;
};

export interface StoredAttendee {
  firstName: string;
  lastName: string;
  email: string;
  company?: string;
  jobTitle?: string;
  answers?: Record<string, string>;
}

/** Admitted at least once on any of the event's lists (`first#<list>` is set by the first entry: check-ins/admission.ts). */
export const hasCheckedIn = (t: Record<string, unknown>): boolean => Object.keys(t).some((k) => k.startsWith('first#'));

export function toAttendeeView(t: RawTicket): AttendeeView {
  const a = t.attendee;
  return {
    ticketId: t.ticketId,
    orderId: t.orderId,
    eventId: t.eventId,
    ticketTypeId: t.ticketTypeId,
    status: t.status,
    attendee:
      a && t.attendeeContactId
        ? {
            firstName: a.firstName,
            lastName: a.lastName,
            email: a.email,
            ...(a.company ? { company: a.company } : {}),
            ...(a.jobTitle ? { jobTitle: a.jobTitle } : {}),
            answers: a.answers ?? {},
            contactId: t.attendeeContactId,
          }
        : null,
    checkedIn: hasCheckedIn(t),
  };
}

/** An order's tickets (row 21, gsi1 byOrder) as stored. */
export async function rawTicketsOfOrder(orderId: string): Promise<RawTicket[]> {
  const params = db().entities.ticket.query.byOrder({ orderId }).params() as unknown as ConstructorParameters<typeof QueryCommand>[0];
  const items: RawTicket[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await documentClient.send(new QueryCommand({ ...params, ExclusiveStartKey: start }));
    items.push(...((out.Items ?? []) as RawTicket[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}
