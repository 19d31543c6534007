import type { ConsumedEvent } from '#packages/core/bus/consumer-handler.ts';
import type { SesEventRecord } from '#events/ses.ts';
import { db } from '#packages/core/db/service.ts';
import { checkInPoints, leadPoints, paidPoints, refundPoints, sesPointSource, sesPoints, visitPoints } from './points-from-events.ts';
import { recordContactVisit } from './journey-lines.ts';
import { recordPoints } from './record-points.ts';

/** The domain events the metric store counts. */
export const COUNTED_EVENTS = ['order.paid', 'order.refunded', 'ticket.checked_in', 'visit.recorded', 'contact.created'] as const;
export type CountedEvent = ConsumedEvent<(typeof COUNTED_EVENTS)[number]>;

/** One domain event into the metric store; each of its points once per event id. */
export async function countDomainEvent(scope: string, event: CountedEvent): Promise<number> {
  switch (event.detailType) {
    // A paid order's first touch is the CRM's to keep, with the buyer's contact (contacts/record-purchase.ts).
    case 'order.paid':
      return recordPoints(scope, event.metadata.id, paidPoints(event.data));
    case 'order.refunded':
      return recordPoints(scope, event.metadata.id, refundPoints(event.data, event.metadata.occurredAt));
    case 'ticket.checked_in':
      return recordPoints(scope, event.metadata.id, checkInPoints(event.data));
    case 'visit.recorded': {
      const recorded = await recordPoints(scope, event.metadata.id, visitPoints(event.data));
      await recordContactVisit(event.data);
      return recorded;
    }
    case 'contact.created': {
      // The lead source is on the contact, not the event (a key lookup; gone when the contact was deleted since).
      const { data: contact } = await db().entities.contact.get({ contactId: event.data.contactId }).go({ attributes: ['leadSource'] });
      if (!contact) return 0;
      return recordPoints(scope, event.metadata.id, leadPoints(event.metadata.occurredAt, contact.leadSource));
    }
  }
}

/** The campaign an SES message belongs to: its tags, else the recipient found by message id. */
async function campaignOf(record: SesEventRecord): Promise<string | undefined> {
  const tagged = record.mail.tags?.campaignId?.[0];
  if (tagged) return tagged;
  const { data } = await db().entities.campaignRecipient.query.byMessage({ messageId: record.mail.messageId }).go({ limit: 1 });
  return data[0]?.campaignId;
}

/** An SES delivery, open or click into the metric store, once per message, kind and SES time. */
export async function countSesEvent(scope: string, record: SesEventRecord): Promise<number> {
  if (record.eventType !== 'Delivery' && record.eventType !== 'Open' && record.eventType !== 'Click') return 0;
  return recordPoints(scope, sesPointSource(record), sesPoints(record, await campaignOf(record)));
}
