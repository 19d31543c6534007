import type { EntityItem } from 'electrodb';
import { stringify } from 'csv-stringify/sync';
import type { PayoutView } from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { commissionLineEntity } from '#packages/core/db/entities/commission-line.ts';
import type { promoterPayoutEntity } from '#packages/core/db/entities/promoter-payout.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { withId } from '#packages/core/views.ts';
import { loadPromoter } from './promoter-item.ts';

type LineItem = EntityItem<typeof commissionLineEntity>;
type PayoutItem = EntityItem<typeof promoterPayoutEntity>;

/** A transaction holds 100 items: the payout, its event's outbox row and 98 lines. */
const MAX_LINES = 98;

const toView = (item: PayoutItem): PayoutView => withId(item, 'payoutId');

/**
 * Takes the promoter's approved lines (negative ones included: a refund
 * after an earlier payout nets here) into one payout. Each line moves
 * approved → paid under the condition that it is still approved, in one
 * transaction with the payout, so two payouts racing never take the same
 * line: the loser re-reads and takes what is left, or is refused.
 */
export async function createPayout(promoterId: string, ctx: RequestContext): Promise<PayoutView> {
  await loadPromoter(promoterId);
  const result = await withRaceRetries(async () => {
    const { data } = await db().entities.commissionLine.query.byStatus({ promoterId, status: 'approved' }).go({ limit: MAX_LINES });
    const lines = data.filter((l) => l.status === 'approved');
    if (!lines.length) throw unprocessable('nothing_to_pay', 'The promoter has no approved commission');
    // One currency per payout: lines in another wait for a payout of their own.
    const currency = lines[0]!.currency;
    const taken = lines.filter((l) => l.currency === currency);
    const amount = taken.reduce((s, l) => s + l.amount, 0);
    if (amount <= 0) throw unprocessable('nothing_to_pay', 'The approved lines do not add up to a positive amount; they wait for the next commission', { amount, currency });
    const now = nowIso();
    const payout: PayoutItem = { payoutId: newId(), promoterId, lineIds: taken.map((l) => l.lineId), amount, currency, createdBy: ctx.actorId, createdAt: now };
    const event = domainEvent('promoter.payout_made', { payoutId: payout.payoutId, promoterId, amount: { amount, currency }, lineCount: taken.length, createdBy: ctx.actorId }, ctx);
    const written = await transactWithEvents(
      (entities) => [
        entities.promoterPayout.create(payout).commit(),
        ...taken.map((l) =>
          entities.commissionLine
            .patch({ lineId: l.lineId })
            .set({ status: 'paid', paidAt: now, payoutId: payout.payoutId })
            .composite({ promoterId: l.promoterId, approveAfter: l.approveAfter })
            .where((a, op) => op.eq(a.status, 'approved'))
            .commit(),
        ),
      ],
      [event],
    );
    if (written.canceled) return RETRY;
    return payout;
  }, 10);
  if (result === RETRY) throw conflict('concurrent_payout', 'Another payout is taking these lines; try again');
  return toView(result);
}

export async function getPayout(promoterId: string, payoutId: string): Promise<PayoutItem> {
  const { data } = await db().entities.promoterPayout.get({ payoutId }).go();
  if (!data || data.promoterId !== promoterId) throw notFound('Payout', payoutId);
  return data;
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
const safeCell = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The payout's lines for accounting: one row per line, amounts in minor units and in decimal. */
export async function payoutCsv(promoterId: string, payoutId: string): Promise<string> {
  const payout = await getPayout(promoterId, payoutId);
  const promoter = await loadPromoter(promoterId);
  const { data } = await db().entities.commissionLine.get(payout.lineIds.map((lineId) => ({ lineId }))).go();
  const lines = (data as LineItem[]).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.lineId.localeCompare(b.lineId));
  // Only the free text people type (a promoter's name and code) is escaped; amounts stay numbers a spreadsheet sums.
  const rows = lines.map((l) => [
    payout.payoutId,
    safeCell(promoter.code),
    safeCell(promoter.name),
    l.lineId,
    l.eventId,
    l.orderId ?? '',
    l.guestId ?? '',
    l.kind,
    l.amount,
    (l.amount / 100).toFixed(2),
    l.currency,
    l.createdAt,
  ]);
  return stringify(rows, {
    header: true,
    columns: ['payoutId', 'promoterCode', 'promoterName', 'lineId', 'eventId', 'orderId', 'guestId', 'kind', 'amountMinor', 'amount', 'currency', 'createdAt'],
  });
}
