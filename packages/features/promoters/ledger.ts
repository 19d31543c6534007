import type { EntityItem } from 'electrodb';
import type { EventData, PromoterAttribution } from '#events/catalog.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { commissionLineEntity } from '#packages/core/db/entities/commission-line.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { logger } from '#packages/core/logger.ts';
import { noteCheckInLines, reverseCheckInLines } from './check-in-reversal.ts';
import { refundLines, saleLines, type LineDraft } from './ledger-math.ts';

type LineItem = EntityItem<typeof commissionLineEntity>;

export interface LineSubject {
  eventId: string;
  orderId?: string;
  guestId?: string;
  bookingId?: string;
  currency: string;
  approveAfter: string;
}

/**
 * Appends one ledger line with its `promoter.commission_earned`, once: the
 * line id is derived from (order or guest, rule, cause), and the put is
 * conditioned on the id being new. A redelivered event, or the same event
 * from a duplicated webhook, finds the line there and writes nothing.
 */
export async function appendLine(
  lineId: string,
  draft: Omit<LineDraft, 'kind'> & { kind: string },
  subject: LineSubject,
  cause: string,
  correlationId: string,
  approvedNow = false,
): Promise<boolean> {
  const now = nowIso();
  const status = approvedNow || now >= subject.approveAfter ? 'approved' : 'pending';
  const line: LineItem = {
    lineId,
    promoterId: draft.beneficiaryId,
    eventId: subject.eventId,
    ...(subject.orderId ? { orderId: subject.orderId } : {}),
    ...(subject.guestId ? { guestId: subject.guestId } : {}),
    ...(subject.bookingId ? { bookingId: subject.bookingId } : {}),
    ruleId: draft.ruleId,
    kind: draft.kind,
    cause,
    amount: draft.amount,
    currency: subject.currency,
    status,
    approveAfter: subject.approveAfter,
    createdAt: now,
    ...(status === 'approved' ? { approvedAt: now } : {}),
  };
  const event = domainEvent(
    'promoter.commission_earned',
    {
      lineId,
      promoterId: line.promoterId,
      eventId: line.eventId,
      ...(line.orderId ? { orderId: line.orderId } : {}),
      ...(line.guestId ? { guestId: line.guestId } : {}),
      ...(line.bookingId ? { bookingId: line.bookingId } : {}),
      ruleId: line.ruleId,
      kind: line.kind,
      amount: { amount: line.amount, currency: line.currency },
      status,
    },
    { correlationId },
  );
  const result = await transactWithEvents((entities) => [entities.commissionLine.create(line).commit()], [event]);
  if (!result.canceled) return true;
  const reasons = result.data.map((r) => (r as { code?: string }).code);
  if (reasons[0] === 'ConditionalCheckFailed') return false;
  throw new Error(`commission line ${lineId} not written (${reasons.join(',')})`);
}

const orderSubject = (data: { eventId: string; orderId: string; total: { currency: string } }, terms: PromoterAttribution): LineSubject => ({
  eventId: data.eventId,
  orderId: data.orderId,
  currency: data.total.currency,
  approveAfter: terms.approveAfter,
});

/** order.paid: the attribution record (the promoter's orders) and one line per sale rule. */
export async function recordSale(paid: EventData<'order.paid'>, correlationId: string): Promise<number> {
  const terms = paid.promoter;
  if (!terms) return 0;
  try {
    await db()
      .entities.promoterOrder.create({
        orderId: paid.orderId,
        promoterId: terms.promoterId,
        eventId: paid.eventId,
        ...(terms.leaderId ? { leaderId: terms.leaderId } : {}),
        source: terms.source,
        total: paid.total,
        admissions: paid.admissions,
        terms,
        paidAt: paid.paidAt,
      })
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
  let written = 0;
  for (const draft of saleLines(terms, paid.total.amount)) {
    if (await appendLine(`o:${paid.orderId}:${draft.ruleId}:sale`, draft, orderSubject(paid, terms), 'sale', correlationId)) written++;
  }
  return written;
}

/** order.refunded: a negative line per rule, proportional to what this refund took back (never an edit of the sale line). */
export async function recordRefund(refunded: EventData<'order.refunded'>, correlationId: string): Promise<number> {
  const terms = refunded.promoter;
  if (!terms) return 0;
  const after = refunded.refundedTotal.amount;
  const before = after - refunded.amount.amount;
  let written = 0;
  for (const draft of refundLines(terms, refunded.total.amount, before, after)) {
    const cause = `refund:${refunded.refundId}`;
    // The sale's line already approved or paid: the negative line is due at once, against the next payout.
    const { data: sale } = await db().entities.commissionLine.get({ lineId: `o:${refunded.orderId}:${draft.ruleId}:sale` }).go({ consistent: true });
    const approvedNow = sale !== null && sale.status !== 'pending';
    if (await appendLine(`o:${refunded.orderId}:${draft.ruleId}:${cause}`, draft, orderSubject(refunded, terms), cause, correlationId, approvedNow)) written++;
  }
  // A full refund voided the tickets: what they earned at the door goes back too.
  if (refunded.full && terms.rules.some((r) => r.basis === 'per_check_in')) {
    written += await reverseCheckInLines(refunded.orderId, orderSubject(refunded, terms), nowIso(), correlationId);
  }
  return written;
}

/** ticket.checked_in: per-check-in rules of the order's frozen terms, once per ticket (its first admission). */
export async function recordTicketCheckIn(scan: EventData<'ticket.checked_in'>, correlationId: string): Promise<number> {
  if (scan.type !== 'entry') return 0;
  const { data: attributed } = await db().entities.promoterOrder.get({ orderId: scan.orderId }).go();
  if (!attributed) return 0;
  const terms = attributed.terms as PromoterAttribution;
  let written = 0;
  const lineIds: string[] = [];
  const subject = orderSubject({ ...scan, total: attributed.total }, terms);
  for (const rule of terms.rules) {
    if (rule.basis !== 'per_check_in') continue;
    if (rule.ticketTypeIds?.length && !rule.ticketTypeIds.includes(scan.ticketTypeId)) continue;
    const cause = `checkin:${scan.ticketId}`;
    const draft = { ruleId: rule.ruleId, beneficiaryId: rule.beneficiaryId, kind: 'check_in', amount: rule.base };
    const lineId = `o:${scan.orderId}:${rule.ruleId}:${cause}`;
    lineIds.push(lineId);
    if (await appendLine(lineId, draft, subject, cause, correlationId)) written++;
  }
  // Noted even when the line was already there (a retry after a crash between the two).
  await noteCheckInLines(scan.orderId, lineIds, subject, correlationId);
  return written;
}

interface GuestCommission {
  approveAfter: string;
  currency: string;
  rules: { ruleId: string; beneficiaryId: string; amount: number }[];
}

/** guest.checked_in: the guest's frozen per-check-in rules, once per guest. */
export async function recordGuestCheckIn(admitted: EventData<'guest.checked_in'>, correlationId: string): Promise<number> {
  const { data: guest } = await db().entities.guest.get({ guestId: admitted.guestId }).go();
  const commission = guest?.commission as GuestCommission | undefined;
  if (!commission) {
    if (!guest) logger.warn('guest of a check-in not found', { guestId: admitted.guestId });
    return 0;
  }
  let written = 0;
  for (const rule of commission.rules) {
    const subject = { eventId: admitted.eventId, guestId: admitted.guestId, currency: commission.currency, approveAfter: commission.approveAfter };
    if (await appendLine(`g:${admitted.guestId}:${rule.ruleId}:checkin`, { ...rule, kind: 'check_in' }, subject, 'checkin', correlationId)) written++;
  }
  return written;
}
