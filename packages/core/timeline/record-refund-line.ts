import type { EventData } from '../../../events/catalog.ts';
import { logger } from '../../http/logger.ts';
import { db } from '../db/service.ts';
import { refundLine } from './sales-lines.ts';

/**
 * A refund becomes a line on the buyer's timeline. The line's id is the
 * refund's, so a redelivery overwrites it: no marker needed.
 * No contact for the buyer's email means the purchase was never recorded
 * (or the contact was deleted for good): nothing to put a line on, and
 * retrying would not change that, so it is logged and dropped.
 */
export async function recordRefundLine(refund: EventData<'order.refunded'>, occurredAt: string): Promise<'recorded' | 'no_contact'> {
  const email = refund.buyer.email.trim().toLowerCase();
  const { data: guard } = await db().entities.contactEmail.get({ email }).go();
  if (!guard) {
    logger.warn('refund of a buyer without a contact; no timeline line', { orderId: refund.orderId, refundId: refund.refundId });
    return 'no_contact';
  }
  await db().entities.timelineEntry.put(refundLine(refund, guard.contactId, occurredAt)).go({ response: 'none' });
  return 'recorded';
}
