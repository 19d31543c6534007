import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { adoptEmailByPhone } from './adopt-email.ts';
import { purchaseLine } from '#packages/features/timeline/index.ts';
import { BUILT_IN_PURPOSES, consentItems, MARKETING_EMAIL, sha256Hex } from '#packages/features/consents/index.ts';
import { firstTouchItem, keepFirstTouch } from '#packages/features/analytics/index.ts';

const CONSUMER = consumers.crmRecordPurchase.idempotencyScope;

/**
 * The buyer of a paid order becomes a contact, or the existing contact with
 * that email (first given to a contact known only by the buyer's phone, if
 * one is: adopt-email.ts) gains the purchase: orders count, lifetime value, last purchase,
 * the ticket types bought (a set, for segments), a line on the timeline, and
 * `contact.updated` (`contact.created` instead for a new contact) through the
 * outbox. The marker of the event id commits with all of it, so redelivery
 * adds nothing; the timeline line's id is the order's, so even a second
 * publication of the same payment overwrites the line rather than adding one.
 * A contact created at the same moment by someone else just sends us round
 * again to the update path. A buyer who ticked marketing consent at checkout
 * gets a `marketing_email` consent record (method `checkout`, the checkout
 * request's proof, the order) and the contact's flag, in the same transaction.
 * The order's first touch (its attribution) becomes a new contact's in that
 * transaction too; an existing contact without one recorded gets it after
 * (put if absent, so a redelivery or a lost race changes nothing).
 */
export async function recordPurchase(metadata: Pick<EventMetadataValue, 'id' | 'correlationId'>, paid: EventData<'order.paid'>): Promise<'recorded' | 'already_recorded'> {
  const { buyer, total, paidAt } = paid;
  const email = buyer.email.trim().toLowerCase();
  const ticketTypeIds = [...new Set(paid.tickets.map((t) => t.ticketTypeId))];
  const ctx = { correlationId: metadata.correlationId };
  // A newer consent change of the contact (a withdrawal after the checkout) wins: the checkout's is then left out.
  let consentSuperseded = false;
  const firstTouch = paid.attribution?.firstTouch;
  let existingContact: string | undefined;
  await adoptEmailByPhone(email, buyer.phone, { actorId: 'order.paid', correlationId: metadata.correlationId });
  const outcome = await withRaceRetries(async () => {
    const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
    const contactId = guard?.contactId ?? newId();
    existingContact = guard?.contactId;
    // One event either way: consumers re-read the contact, and a new one is news enough.
    const events: PendingEvent[] = [
      guard
        ? domainEvent('contact.updated', { contactId, reason: 'purchase' }, ctx)
        : domainEvent('contact.created', { contactId, createdBy: 'order.paid' }, ctx),
    ];
    const tx = namedTransaction<'marker' | 'emailGuard' | 'contact' | 'firstTouch' | 'timeline' | 'consent'>();
    const consent = consentSuperseded ? undefined : paid.marketingConsent;
    const flag = consent ? { marketingConsent: true, marketingConsentAt: consent.at } : {};
    const { contact, contactEmail, timelineEntry } = tx.entities;
    tx.add('marker', markerPut(tx.entities, CONSUMER, metadata.id));
    if (guard) {
      const bought = ticketTypeIds.length ? { boughtTicketTypeIds: ticketTypeIds } : {};
      tx.add(
        'contact',
        contact
          .patch({ contactId })
          .add({ ordersCount: 1, lifetimeValueAmount: total.amount, ...bought })
          .set({ lifetimeValueCurrency: total.currency, lastPurchaseAt: paidAt, lastSeenAt: paidAt, ...flag })
          .commit(),
      );
    } else {
      tx.add('emailGuard', contactEmail.create({ email, contactId }).commit()).add(
        'contact',
        contact
          .create({
            contactId,
            email,
            firstName: buyer.firstName,
            lastName: buyer.lastName,
            createdBy: 'order.paid',
            leadSource: 'ticket_purchase',
            ordersCount: 1,
            lifetimeValueAmount: total.amount,
            lifetimeValueCurrency: total.currency,
            lastPurchaseAt: paidAt,
            lastSeenAt: paidAt,
            ...(ticketTypeIds.length ? { boughtTicketTypeIds: ticketTypeIds } : {}),
            ...flag,
          })
          .commit(),
      );
      if (firstTouch) tx.add('firstTouch', firstTouchItem(tx.entities, contactId, firstTouch, paidAt));
    }
    tx.add('timeline', timelineEntry.put(purchaseLine(paid, contactId)).commit());
    if (consent) {
      tx.add(
        'consent',
        ...consentItems(
          tx.entities,
          {
            contactId,
            purpose: MARKETING_EMAIL,
            state: 'granted',
            legalBasis: 'consent',
            method: 'checkout',
            at: consent.at,
            // The checkout shows the purpose's built-in wording (a tenant's own wording is a storefront's to pass as text).
            textHash: sha256Hex(BUILT_IN_PURPOSES[MARKETING_EMAIL]!.text),
            ...(consent.ip ? { ip: consent.ip } : {}),
            ...(consent.userAgent ? { userAgent: consent.userAgent } : {}),
            orderId: paid.orderId,
          },
          // One record per order, whatever the redeliveries: the marker above already guards the whole transaction.
          `checkout-${paid.orderId}`,
        ),
      );
    }
    const result = await transactWithEvents(() => tx.items, events);
    if (!result.canceled) return 'recorded' as const;
    // The marker tells "already recorded" from a lost race.
    if (tx.rejected(result, 'marker')) return 'already_recorded' as const;
    if (tx.rejected(result, 'consent')) consentSuperseded = true;
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error('recordPurchase kept losing races');
  if (existingContact && firstTouch) await keepFirstTouch(existingContact, firstTouch, paidAt);
  return outcome;
}
