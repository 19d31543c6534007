import type { Principal } from '#packages/auth/principal.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { BOOTH_TRAFFIC_SHARDS } from '#packages/core/db/entities/booth-traffic-shard.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { definedOnly } from '#packages/core/views.ts';
import { verifyTicketCode } from '#packages/tickets/ticket-code.ts';
import type { LeadView } from './contract.ts';
import { exhibitorFor } from './access.ts';
import { leadIdOf } from './lead-id.ts';
import { toLeadView, type LeadItem } from './lead-view.ts';

/** Personal fields of a lead: written only with the attendee's consent, removed by a scan without it. */
const PERSONAL = ['ticketId', 'contactId', 'firstName', 'lastName', 'email', 'company', 'jobTitle'] as const;

interface StoredAttendee {
  firstName: string;
  lastName: string;
  email: string;
  company?: string;
  jobTitle?: string;
}

/** A booth without a booked booth still counts its traffic, under this key. */
export const NO_BOOTH = '-';

/**
 * Exhibitor staff scan an attendee's badge (their ticket code). In ONE
 * transaction: the exhibitor's lead (upserted: a second scan adds to its
 * count), one slice of the booth's hourly traffic counter, the attendee's
 * timeline line (organiser's CRM) and `booth.visited`. The lead holds the
 * attendee's details only when the ticket's holder agreed to share them with
 * exhibitors; otherwise only the anonymous lead id — and a scan without
 * consent removes details an earlier consent let in.
 */
export async function scanBadge(principal: Principal, eventId: string, exhibitorId: string, code: string, ctx: RequestContext): Promise<LeadView> {
  const exhibitor = await exhibitorFor(principal, eventId, exhibitorId);
  const key = currentSecret('ticketSigningKey');
  const claims = verifyTicketCode(code, key);
  if (!claims) throw unprocessable('invalid_code', 'Unknown or forged ticket code');
  const [{ data: ticket }, { data: sharing }] = await Promise.all([
    db().entities.ticket.get({ ticketId: claims.ticketId }).go(),
    db().entities.leadSharing.get({ ticketId: claims.ticketId }).go(),
  ]);
  if (!ticket || ticket.code !== code) throw unprocessable('invalid_code', 'Unknown or forged ticket code');
  if (ticket.eventId !== eventId) throw unprocessable('wrong_event', 'The badge is for another event');
  if (ticket.status !== 'valid') throw conflict('ticket_void', 'The ticket is no longer valid');
  const shared = sharing?.share === true;
  const at = nowIso();
  const leadId = leadIdOf(exhibitorId, ticket.ticketId, key);
  const attendee = ticket.attendee as StoredAttendee | undefined;
  const personal = shared
    ? definedOnly({
        ticketId: ticket.ticketId,
        contactId: ticket.attendeeContactId,
        firstName: attendee?.firstName ?? ticket.holderName,
        lastName: attendee?.lastName,
        email: attendee?.email ?? ticket.holderEmail,
        company: attendee?.company,
        jobTitle: attendee?.jobTitle,
      })
    : {};
  const boothGuid = exhibitor.boothGuid ?? NO_BOOTH;
  const contactId = ticket.attendeeContactId;
  const result = await transactWithEvents(
    (entities) => {
      const lead = entities.exhibitorLead.update({ exhibitorId, leadId }).set({ eventId, shared, lastScannedAt: at, lastScannedBy: principal.userId, updatedAt: at, ...personal }).add({ scanCount: 1 });
      const leadItem = shared ? lead.commit() : lead.remove([...PERSONAL]).commit();
      return [
        leadItem,
        entities.boothTrafficShard
          .update({ eventId, shard: Math.floor(Math.random() * BOOTH_TRAFFIC_SHARDS), hour: at.slice(0, 13), boothGuid })
          .set({ exhibitorId })
          .add({ visits: 1 })
          .commit(),
        ...(contactId
          ? [
              entities.timelineEntry
                .put({
                  entryId: `booth.visited:${leadId}:${at}`,
                  contactId,
                  occurredAt: at,
                  kind: 'booth.visited',
                  summary: `Visited the booth of ${exhibitor.name}`,
                  refType: 'exhibitor',
                  refId: exhibitorId,
                  data: { eventId, exhibitorId, boothGuid, shared },
                })
                .commit(),
            ]
          : []),
      ];
    },
    [domainEvent('booth.visited', definedOnly({ eventId, exhibitorId, boothGuid: exhibitor.boothGuid, leadId, ticketId: ticket.ticketId, contactId, shared, scannedAt: at }) as never, ctx)],
  );
  if (result.canceled) throw conflict('concurrent_update', 'The scan could not be recorded; scan again');
  const { data } = await db().entities.exhibitorLead.get({ exhibitorId, leadId }).go({ consistent: true });
  return toLeadView(data as LeadItem);
}
