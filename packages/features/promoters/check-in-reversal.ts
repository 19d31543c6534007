import { db } from '#packages/core/db/service.ts';
import { appendLine, type LineSubject } from './ledger.ts';

/**
 * A fully refunded order's per-check-in lines each get one negative line
 * (id: the line's own + `:refund`, so written once however often it is
 * tried). Two consumers may see the refund and a check-in in either order;
 * both meet on the attribution item with single-item updates that serialize:
 * the check-in ADDs its line id and reads `refundedAt`, the refund sets
 * `refundedAt` and reads the line ids — whichever comes second reverses.
 */
async function reverse(lineIds: Iterable<string>, subject: LineSubject, correlationId: string): Promise<number> {
  let written = 0;
  for (const lineId of lineIds) {
    const { data: line } = await db().entities.commissionLine.get({ lineId }).go({ consistent: true });
    if (!line || line.amount === 0) continue;
    // The check-in line already approved or paid: its reversal is due at once, against the next payout.
    const draft = { ruleId: line.ruleId, beneficiaryId: line.promoterId, kind: 'check_in_refund', amount: -line.amount };
    if (await appendLine(`${lineId}:refund`, draft, subject, `refund:${line.cause}`, correlationId, line.status !== 'pending')) written++;
  }
  return written;
}

/** After a check-in's lines: record them on the order's attribution, and reverse them if the order was fully refunded already. */
export async function noteCheckInLines(orderId: string, lineIds: string[], subject: LineSubject, correlationId: string): Promise<number> {
  if (!lineIds.length) return 0;
  const { data } = await db().entities.promoterOrder.patch({ orderId }).add({ checkInLines: lineIds }).go({ response: 'all_new' });
  return data.refundedAt ? reverse(lineIds, subject, correlationId) : 0;
}

/** A full refund: mark the attribution refunded and reverse every per-check-in line written so far. */
export async function reverseCheckInLines(orderId: string, subject: LineSubject, refundedAt: string, correlationId: string): Promise<number> {
  const { data } = await db().entities.promoterOrder.patch({ orderId }).set({ refundedAt }).go({ response: 'all_new' });
  return reverse(data.checkInLines ?? [], subject, correlationId);
}
