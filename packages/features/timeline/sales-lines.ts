import type { EntityItem } from 'electrodb';
import type { EventData } from '#events/catalog.ts';
import type { timelineEntryEntity } from '#packages/core/db/entities/timeline-entry.ts';
import type { Money } from '#packages/core/money.ts';

export type TimelineLine = Omit<EntityItem<typeof timelineEntryEntity>, 'createdAt' | 'updatedAt'>;

/** `EUR 50.00`: minor units shown with the currency's own decimals (JPY none, EUR two). */
export function formatMoney({ amount, currency }: Money): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps two decimals.
  }
  return `${currency} ${(amount / 10 ** digits).toFixed(digits)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const unique = <T>(values: readonly T[]) => [...new Set(values)];

/**
 * The timeline lines the sales and door consumers write. Their ids come from
 * the fact (order, refund, check-in), so writing one twice overwrites it: a
 * redelivered event never adds a second line. The event's name is not in the
 * events, so the summary says what and how much; `data` carries the ids.
 */
export function purchaseLine(paid: EventData<'order.paid'>, contactId: string): TimelineLine {
  const tickets = paid.tickets.length || paid.admissions;
  return {
    entryId: `order.paid:${paid.orderId}`,
    contactId,
    occurredAt: new Date(paid.paidAt).toISOString(),
    kind: 'order.paid',
    summary: `Bought ${plural(tickets, 'ticket')} (${paid.total.amount === 0 ? 'free' : formatMoney(paid.total)})`,
    refType: 'order',
    refId: paid.orderId,
    data: {
      orderId: paid.orderId,
      eventId: paid.eventId,
      ticketTypeIds: unique(paid.tickets.map((t) => t.ticketTypeId)),
      tickets,
      total: paid.total,
      ...(paid.voucherCode ? { voucherCode: paid.voucherCode } : {}),
    },
  };
}

export function admissionLine(scan: EventData<'ticket.checked_in'>, contactId: string): TimelineLine {
  return {
    entryId: `ticket.checked_in:${scan.checkInId}`,
    contactId,
    occurredAt: new Date(scan.scannedAt).toISOString(),
    kind: 'ticket.checked_in',
    summary: `Checked in at ${scan.deviceId}${scan.offline ? ' (offline scanner)' : ''}`,
    refType: 'ticket',
    refId: scan.ticketId,
    data: {
      checkInId: scan.checkInId,
      eventId: scan.eventId,
      ticketId: scan.ticketId,
      ticketTypeId: scan.ticketTypeId,
      orderId: scan.orderId,
      listId: scan.listId,
      deviceId: scan.deviceId,
    },
  };
}

/** `occurredAt`: the event's metadata time (the refund event carries no time of its own). */
export function refundLine(refund: EventData<'order.refunded'>, contactId: string, occurredAt: string): TimelineLine {
  return {
    entryId: `order.refunded:${refund.refundId}`,
    contactId,
    occurredAt: new Date(occurredAt).toISOString(),
    kind: 'order.refunded',
    summary: `Refunded ${formatMoney(refund.amount)}${refund.full ? ' (whole order)' : ''}`,
    refType: 'order',
    refId: refund.orderId,
    data: {
      orderId: refund.orderId,
      eventId: refund.eventId,
      refundId: refund.refundId,
      amount: refund.amount,
      refundedTotal: refund.refundedTotal,
      full: refund.full,
    },
  };
}
