import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import type { EventMetadataValue } from '#events/envelope.ts';
import { logger } from '#packages/core/logger.ts';
import { markerPut } from '#packages/core/bus/apply-once.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { refundLine } from './sales-lines.ts';

const CONSUMER = consumers.crmTimelineRefund.idempotencyScope;

/**
 * A refund becomes a line on the buyer's timeline and comes off the buyer's
 * lifetime value — the figure `order.paid` raised — in one transaction with
 * the consumer's marker, so a redelivered event lowers it once. The value is
 * written as the new amount conditioned on the one read (never below zero);
 * a concurrent purchase or refund sends us round again. Only money that was
 * counted comes off: the order was paid (not a late payment refunded
 * automatically) and the contact's value is in the refund's currency.
 * No contact for the buyer's email means the purchase was never recorded
 * (or the contact was deleted for good): nothing to put a line on, and
 * retrying would not change that, so it is logged and dropped.
 */
export async function recordRefundLine(
  metadata: Pick<EventMetadataValue, 'id' | 'occurredAt' | 'correlationId'>,
  refund: EventData<'order.refunded'>,
): Promise<'recorded' | 'already_recorded' | 'no_contact'> {
  const email = refund.buyer.email.trim().toLowerCase();
  const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  if (!guard) {
    logger.warn('refund of a buyer without a contact; no timeline line', { orderId: refund.orderId, refundId: refund.refundId });
    return 'no_contact';
  }
  const { contactId } = guard;
  const { data: order } = await db().entities.order.get({ orderId: refund.orderId }).go({ attributes: ['paidAt'] });
  const counted = order?.paidAt !== undefined && refund.amount.amount > 0;
  const ctx = { correlationId: metadata.correlationId };

  const outcome = await withRaceRetries(async () => {
    const { data: contact } = await db()
      .entities.contact.get({ contactId })
      .go({ consistent: true, attributes: ['lifetimeValueAmount', 'lifetimeValueCurrency'] });
    const current = contact?.lifetimeValueAmount;
    const lowers = counted && contact?.lifetimeValueCurrency === refund.amount.currency && current !== undefined;
    const tx = namedTransaction<'marker' | 'timeline' | 'contact'>();
    const entities = tx.entities;
    tx.add('marker', markerPut(entities, CONSUMER, metadata.id))
      .add('timeline', entities.timelineEntry.put(refundLine(refund, contactId, metadata.occurredAt)).commit())
      .add(
        'contact',
        ...(lowers
          ? [
              entities.contact
                .patch({ contactId })
                .set({ lifetimeValueAmount: Math.max(0, current - refund.amount.amount) })
                .where((a, op) => `${op.eq(a.lifetimeValueAmount, current)} AND ${op.eq(a.lifetimeValueCurrency, refund.amount.currency)}`)
                .commit(),
            ]
          : []),
      );
    const result = await transactWithEvents(
      () => tx.items,
      lowers ? [domainEvent('contact.updated', { contactId, reason: 'refund' }, ctx)] : [],
    );
    if (!result.canceled) return 'recorded' as const;
    // The marker tells "already recorded" from a lost race.
    if (tx.rejected(result, 'marker')) return 'already_recorded' as const;
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error('recordRefundLine kept losing races');
  return outcome;
}
