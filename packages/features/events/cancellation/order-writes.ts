import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

/** The cancellation's counters a change moves. */
export type Counts = Partial<Record<'ordersFound' | 'refunded' | 'refundFailed' | 'emailed' | 'emailFailed' | 'emailUnknown', number>>;

/** One cancellationOrder write and what it counts; `key` (the orderId) names it in the outcome. */
export interface Change {
  key: string;
  write: (entities: TransactionEntities) => TransactionItem;
  counts: Counts;
}

/** Transactions hold at most 100 items: the changes plus the counters' ADD. */
export const MAX_CHANGES = 99;

/** The name of the counters' item in a batch (orderIds are ULIDs: no clash). */
const TALLY = '#counters';

function sum(changes: readonly Change[]): Counts {
  const total: Record<string, number> = {};
  for (const c of changes) for (const [k, v] of Object.entries(c.counts)) total[k] = (total[k] ?? 0) + (v ?? 0);
  return total;
}

/**
 * Applies order changes and their counts in one transaction, so a count
 * moves exactly when an order's state does (the campaign sender's pattern).
 * A change whose condition fails (someone else moved that order first) is
 * dropped and the rest retried; a TransactionConflict (a concurrent runner
 * adding to the same counters) is retried as is.
 */
export async function commitChanges(eventId: string, changes: readonly Change[]): Promise<{ committed: string[]; refused: string[] }> {
  const committed: string[] = [];
  const refused: string[] = [];
  for (let i = 0; i < changes.length; i += MAX_CHANGES) {
    let pending = changes.slice(i, i + MAX_CHANGES);
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= 12) throw new Error(`cancellation of ${eventId}: order writes kept conflicting`);
      const batch = pending;
      const counts = sum(batch);
      // Each order's write is named by its key (an orderId); the counters' ADD by none of them.
      const tx = namedTransaction<string>();
      const entities = tx.entities;
      for (const c of batch) tx.add(c.key, c.write(entities));
      if (Object.values(counts).some((n) => n)) tx.add(TALLY, entities.eventCancellation.patch({ eventId }).add(counts).commit());
      const result = await tx.go();
      if (!result.canceled) {
        committed.push(...batch.map((c) => c.key));
        break;
      }
      const rejected = new Set(tx.rejectedNames(result).filter((name) => name !== TALLY));
      refused.push(...rejected);
      pending = batch.filter((c) => !rejected.has(c.key));
      if (!rejected.size) await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
    }
  }
  return { committed, refused };
}

/** The order's item, created only if absent: refund and email both pending. */
export const createOrderItem = (eventId: string, orderId: string): Change => ({
  key: orderId,
  write: (e) => e.cancellationOrder.create({ eventId, orderId, refund: 'pending', email: 'pending' }).commit(),
  counts: { ordersFound: 1 },
});

export type RefundOutcome = { kind: 'refunded' } | { kind: 'failed'; reason: string };

/** refund pending → refunded | failed. */
export const recordRefundOutcome = (eventId: string, orderId: string, outcome: RefundOutcome): Change => ({
  key: orderId,
  write: (e) =>
    e.cancellationOrder
      .patch({ eventId, orderId })
      .set(outcome.kind === 'refunded' ? { refund: 'refunded' } : { refund: 'failed', refundFailure: outcome.reason.slice(0, 500) })
      .where((a, op) => op.eq(a.refund, 'pending'))
      .commit(),
  counts: outcome.kind === 'refunded' ? { refunded: 1 } : { refundFailed: 1 },
});

export interface Claim {
  token: string;
  claimedAt: string;
}

/** The email claim: pending → sending, before SES is called (one conditional UpdateItem). False when someone else moved it first. */
export async function claimEmail(eventId: string, orderId: string, claim: Claim): Promise<boolean> {
  try {
    await db()
      .entities.cancellationOrder.patch({ eventId, orderId })
      .set({ email: 'sending', claimToken: claim.token, claimedAt: claim.claimedAt })
      .where((a, op) => op.eq(a.email, 'pending'))
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const heldBy = (claim: Claim) => (a: { email: unknown; claimToken: unknown; claimedAt: unknown }, op: { eq: (x: never, y: never) => string }) =>
  `${op.eq(a.email as never, 'sending' as never)} AND ${op.eq(a.claimToken as never, claim.token as never)} AND ${op.eq(a.claimedAt as never, claim.claimedAt as never)}`;

export type EmailOutcome = { kind: 'sent'; messageId: string } | { kind: 'failed'; reason: string } | { kind: 'unknown'; reason: string };

/** sending → sent | failed | unknown, only by the claim's holder. */
export const recordEmailOutcome = (eventId: string, orderId: string, claim: Claim, outcome: EmailOutcome): Change => ({
  key: orderId,
  write: (e) =>
    e.cancellationOrder
      .patch({ eventId, orderId })
      .set(
        outcome.kind === 'sent'
          ? { email: 'sent', messageId: outcome.messageId }
          : { email: outcome.kind, emailFailure: outcome.reason.slice(0, 500) },
      )
      .where(heldBy(claim))
      .commit(),
  counts: outcome.kind === 'sent' ? { emailed: 1 } : outcome.kind === 'failed' ? { emailFailed: 1 } : { emailUnknown: 1 },
});

/** sending → pending: SES certainly did not take it (throttled, paused); a later run claims it again. */
export async function releaseClaim(eventId: string, orderId: string, claim: Claim): Promise<void> {
  try {
    await db()
      .entities.cancellationOrder.patch({ eventId, orderId })
      .set({ email: 'pending' })
      .remove(['claimToken', 'claimedAt'])
      .where(heldBy(claim))
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export const newClaim = (token: string): Claim => ({ token, claimedAt: nowIso() });
