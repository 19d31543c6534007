import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { RecipientStatus, SkipReason } from '#packages/core/db/entities/campaign-recipient.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { counterAdd, type CampaignCounts, type CampaignMetric } from './campaign-counters.ts';
import { variantCounterAdd, type VariantCounts } from './ab/variant-counters.ts';

/** Counts a change moves: the shared counters, plus `unknown` (kept on the campaign item). */
export type ChangeCounts = CampaignCounts & { unknown?: number };

/** One recipient write and what it counts; `key` names it in the outcome. */
export interface Change {
  key: string;
  write: (entities: TransactionEntities) => TransactionItem;
  counts: ChangeCounts;
  /** A/B tests: what it counts for the recipient's arm (a variant, or `rest`). */
  arm?: { id: string; counts: VariantCounts };
}

/** Transactions hold at most 100 items: the changes plus up to two tallies. */
export const MAX_CHANGES = 98;

/** The name of the counters' items in a batch (contactIds are ULIDs: no clash). */
const TALLY = '#counters';

const skipMetric: Record<SkipReason, CampaignMetric> = {
  unsubscribed: 'skipped_unsubscribed',
  suppressed: 'skipped_suppressed',
  no_consent: 'skipped_no_consent',
  invalid_email: 'skipped_invalid_email',
};

export const skipCounts = (reason: SkipReason): ChangeCounts => ({ [skipMetric[reason]]: 1 });

function sum(changes: readonly Change[]): ChangeCounts {
  const total: Record<string, number> = {};
  for (const c of changes) for (const [k, v] of Object.entries(c.counts)) total[k] = (total[k] ?? 0) + (v ?? 0);
  return total;
}

function tallies(entities: TransactionEntities, campaignId: string, batch: readonly Change[]): TransactionItem[] {
  const { unknown = 0, ...shared } = sum(batch);
  const items: TransactionItem[] = [];
  if (Object.values(shared).some((n) => n)) items.push(counterAdd(entities, campaignId, shared));
  if (unknown) items.push(entities.campaign.patch({ campaignId }).add({ unknownCount: unknown }).commit());
  const arms = new Map<string, VariantCounts>();
  for (const { arm } of batch) {
    if (!arm) continue;
    const total = arms.get(arm.id) ?? {};
    for (const [k, v] of Object.entries(arm.counts) as Array<[keyof VariantCounts, number]>) total[k] = (total[k] ?? 0) + v;
    arms.set(arm.id, total);
  }
  for (const [arm, counts] of arms) items.push(variantCounterAdd(entities, campaignId, arm, counts));
  return items;
}

/**
 * Applies recipient changes and their counts in one transaction, so a count
 * moves exactly when a recipient's status does. A change whose condition
 * fails (the recipient exists already, or someone else moved it first) is
 * dropped and the rest retried; a TransactionConflict (a concurrent writer on
 * the same item or counter slice) is retried as is. Returns the keys that
 * committed and those refused.
 */
export async function commitChanges(campaignId: string, changes: readonly Change[]): Promise<{ committed: string[]; refused: string[] }> {
  if (changes.length > MAX_CHANGES) throw new Error(`at most ${MAX_CHANGES} recipient changes per transaction`);
  let pending = [...changes];
  const refused: string[] = [];
  for (let attempt = 0; pending.length; attempt++) {
    if (attempt >= 12) throw new Error(`campaign ${campaignId}: recipient writes kept conflicting`);
    const batch = pending;
    // Each recipient's write is named by its key (a contactId); the counters' ADDs by none of them.
    const tx = namedTransaction<string>();
    const entities = tx.entities;
    for (const c of batch) tx.add(c.key, c.write(entities));
    tx.add(TALLY, ...tallies(entities, campaignId, batch));
    // Arms' tallies (A/B sends) ride along only in small outcome batches; a resolve page counts none.
    if (tx.items.length > 100) throw new Error(`campaign ${campaignId}: ${tx.items.length} items in one transaction`);
    const result = await tx.go();
    if (!result.canceled) return { committed: batch.map((c) => c.key), refused };
    const rejected = new Set(tx.rejectedNames(result).filter((name) => name !== TALLY));
    refused.push(...rejected);
    pending = batch.filter((c) => !rejected.has(c.key));
    if (!rejected.size) await new Promise((r) => setTimeout(r, Math.random() * Math.min(1000, 20 * 2 ** attempt)));
  }
  return { committed: [], refused };
}

/** The recipient item, created only if absent: pending, or skipped with its reason. */
export function createRecipient(
  campaignId: string,
  contactId: string,
  email: string | undefined,
  skipReason: SkipReason | null,
  arm: { variant?: string; abGroup?: 'test' | 'rest' } = {},
): Change {
  const status: RecipientStatus = skipReason ? 'skipped' : 'pending';
  return {
    key: contactId,
    write: (e) =>
      e.campaignRecipient
        .create({ campaignId, contactId, status, ...(email ? { email } : {}), ...(skipReason ? { skipReason } : {}), ...arm })
        .commit(),
    counts: { audience: 1, ...(skipReason ? skipCounts(skipReason) : {}) },
  };
}

/** pending → skipped: the contact stopped qualifying between the audience and the send. */
export function skipPending(campaignId: string, contactId: string, reason: SkipReason): Change {
  return {
    key: contactId,
    write: (e) =>
      e.campaignRecipient
        .patch({ campaignId, contactId })
        .set({ status: 'skipped', skipReason: reason })
        .where((a, op) => op.eq(a.status, 'pending'))
        .commit(),
    counts: skipCounts(reason),
  };
}

export interface Claim {
  token: string;
  claimedAt: string;
}

/** The claim: pending → sending, before SES is called (one conditional UpdateItem). False when someone else moved it first. */
export async function claimRecipient(campaignId: string, contactId: string, claim: Claim): Promise<boolean> {
  try {
    await db()
      .entities.campaignRecipient.patch({ campaignId, contactId })
      .set({ status: 'sending', claimToken: claim.token, claimedAt: claim.claimedAt })
      .where((a, op) => op.eq(a.status, 'pending'))
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

const heldBy = (claim: Claim) => (a: { status: unknown; claimToken: unknown; claimedAt: unknown }, op: { eq: (x: never, y: never) => string }) =>
  `${op.eq(a.status as never, 'sending' as never)} AND ${op.eq(a.claimToken as never, claim.token as never)} AND ${op.eq(a.claimedAt as never, claim.claimedAt as never)}`;

/** sending → sent, with SES's MessageId (which puts it in the byMessage index), only by the claim's holder. */
export function markSent(campaignId: string, contactId: string, claim: Claim, messageId: string, arm?: string): Change {
  return {
    key: contactId,
    write: (e) =>
      e.campaignRecipient
        .patch({ campaignId, contactId })
        .set({ status: 'sent', messageId, sentAt: nowIso() })
        .where(heldBy(claim))
        .commit(),
    counts: { sent: 1 },
    ...(arm ? { arm: { id: arm, counts: { sent: 1 } } } : {}),
  };
}

/** sending → failed: SES refused this message for good. */
export function markFailed(campaignId: string, contactId: string, claim: Claim, failure: string): Change {
  return {
    key: contactId,
    write: (e) =>
      e.campaignRecipient.patch({ campaignId, contactId }).set({ status: 'failed', failure }).where(heldBy(claim)).commit(),
    counts: { failed: 1 },
  };
}

/** sending → unknown: SES may or may not have sent it; it is never tried again. */
export function markUnknown(campaignId: string, contactId: string, claim: Claim, why: string): Change {
  return {
    key: contactId,
    write: (e) =>
      e.campaignRecipient.patch({ campaignId, contactId }).set({ status: 'unknown', failure: why }).where(heldBy(claim)).commit(),
    counts: { unknown: 1 },
  };
}

/** sending → pending: SES certainly did not take it (throttled, paused); a later chunk claims it again. */
export async function releaseClaim(campaignId: string, contactId: string, claim: Claim): Promise<void> {
  try {
    await db()
      .entities.campaignRecipient.patch({ campaignId, contactId })
      .set({ status: 'pending' })
      .remove(['claimToken', 'claimedAt'])
      .where(heldBy(claim))
      .go({ response: 'none' });
  } catch (error) {
    // Not ours any more (the lease ran out and it was settled as unknown): nothing to give back.
    if (!isConditionFailure(error)) throw error;
  }
}
