import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';

const CONSUMER = consumers.crmConferenceActivity.idempotencyScope;

type Activity = { detailType: 'session.checked_in'; data: EventData<'session.checked_in'> } | { detailType: 'feedback.submitted'; data: EventData<'feedback.submitted'> };

async function contactOf(contactId: string | undefined, email: string): Promise<string | null> {
  if (contactId) return contactId;
  if (!email) return null;
  const { data } = await db().entities.contactEmail.get({ email: email.trim().toLowerCase() }).go({ consistent: true });
  return data?.contactId ?? null;
}

/**
 * A session check-in or a feedback lands on the ATTENDEE's contact (the
 * ticket's named attendee; the holder's only for an unnamed ticket): the
 * segment facts (`attendedSessionIds`, `feedbackEventIds`, `lastNps`), a
 * timeline line and `contact.updated`, with the event's marker, one
 * transaction — a redelivery changes nothing. No contact: nothing to credit.
 */
export async function recordConferenceActivity(metadata: Pick<EventMetadataValue, 'id' | 'correlationId'>, activity: Activity): Promise<'recorded' | 'already_recorded' | 'ignored'> {
  const { data } = activity;
  const contactId = await contactOf(data.contactId, data.email);
  if (!contactId) return 'ignored';
  const { data: contact } = await db().entities.contact.get({ contactId }).go();
  if (!contact) return 'ignored';
  const tx = namedTransaction<'marker' | 'contact' | 'timeline'>();
  const e = tx.entities;
  tx.add('marker', markerPut(e, CONSUMER, metadata.id));
  if (activity.detailType === 'session.checked_in') {
    const d = activity.data;
    tx.add('contact', e.contact.patch({ contactId }).add({ attendedSessionIds: [d.sessionId] }).commit()).add(
      'timeline',
      e.timelineEntry
        .put({ entryId: `session.checked_in:${d.sessionId}:${d.ticketId}`, contactId, occurredAt: d.scannedAt, kind: 'session.checked_in', summary: 'Attended a session', refType: 'session', refId: d.sessionId, data: { eventId: d.eventId, sessionId: d.sessionId, ticketId: d.ticketId } })
        .commit(),
    );
  } else {
    const d = activity.data;
    tx.add(
      'contact',
      e.contact
        .patch({ contactId })
        .add({ feedbackEventIds: [d.eventId] })
        .set(d.nps !== undefined ? { lastNps: d.nps } : {})
        .commit(),
    ).add(
      'timeline',
      e.timelineEntry
        .put({
          entryId: `feedback.submitted:${d.target}:${d.ticketId}`,
          contactId,
          occurredAt: d.submittedAt,
          kind: 'feedback.submitted',
          summary: d.target === 'event' ? 'Gave feedback on the event' : 'Gave feedback on a session',
          refType: d.target === 'event' ? 'event' : 'session',
          refId: d.target === 'event' ? d.eventId : d.target,
          data: { eventId: d.eventId, target: d.target, ...(d.rating !== undefined ? { rating: d.rating } : {}), ...(d.nps !== undefined ? { nps: d.nps } : {}) },
        })
        .commit(),
    );
  }
  const result = await transactWithEvents(() => tx.items, [domainEvent('contact.updated', { contactId, reason: 'conference' }, metadata)]);
  if (!result.canceled) return 'recorded';
  if (tx.rejected(result, 'marker')) return 'already_recorded';
  throw new Error('recordConferenceActivity: the contact changed under the write; redelivery retries');
}
