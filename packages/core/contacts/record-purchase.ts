import type { EventData } from '../../../events/catalog.ts';
import { markerPut } from '../bus/apply-once.ts';
import { db } from '../db/service.ts';
import { rejectedAt, type TransactionItem } from '../db/transaction-types.ts';
import { newId } from '../ids.ts';
import { RETRY, withRaceRetries } from '../orders/retry.ts';

const CONSUMER = 'crm-record-purchase';

/**
 * The buyer of a paid order becomes a contact, or the existing contact with
 * that email gains the purchase: orders count, lifetime value, last purchase.
 * The marker of the event id commits with the change, so redelivery adds
 * nothing; a contact created at the same moment by someone else just sends
 * us round again to the update path.
 */
export async function recordPurchase(eventId: string, paid: EventData<'order.paid'>): Promise<'recorded' | 'already_recorded'> {
  const { buyer, total, paidAt } = paid;
  const outcome = await withRaceRetries(async () => {
    const { data: guard } = await db().entities.contactEmail.get({ email: buyer.email }).go({ consistent: true });
    const result = await db()
      .transaction.write((entities): TransactionItem[] => {
        const { contact, contactEmail } = entities;
        const marker = markerPut(entities, CONSUMER, eventId);
        if (guard) {
          return [
            marker,
            contact
              .patch({ contactId: guard.contactId })
              .add({ ordersCount: 1, lifetimeValueAmount: total.amount })
              .set({ lifetimeValueCurrency: total.currency, lastPurchaseAt: paidAt, lastSeenAt: paidAt })
              .commit(),
          ];
        }
        const contactId = newId();
        return [
          marker,
          contactEmail.create({ email: buyer.email, contactId }).commit(),
          contact
            .create({
              contactId,
              email: buyer.email,
              firstName: buyer.firstName,
              lastName: buyer.lastName,
              createdBy: 'order.paid',
              leadSource: 'ticket_purchase',
              ordersCount: 1,
              lifetimeValueAmount: total.amount,
              lifetimeValueCurrency: total.currency,
              lastPurchaseAt: paidAt,
              lastSeenAt: paidAt,
            })
            .commit(),
        ];
      })
      .go();
    if (!result.canceled) return 'recorded' as const;
    if (rejectedAt(result, 0)) return 'already_recorded' as const;
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error('recordPurchase kept losing races');
  return outcome;
}
