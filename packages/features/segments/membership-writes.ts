import { flushOutbox, outboxPut } from '#packages/core/bus/outbox.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { newId } from '#packages/core/ids.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';

/** A membership change: the contact joins or leaves. */
export interface Flip {
  contactId: string;
  join: boolean;
  /**
   * The contact's `updatedAt` the decision was made from; the flip commits
   * only if the contact is still exactly that (a ConditionCheck), so a
   * decision on stale data (an index lagging, a concurrent edit) never lands.
   * Undefined: the contact is gone, nothing to check.
   */
  contactUpdatedAt?: string;
}

/** The segment as the decision saw it: flips commit only while it still has this version (filter). */
export interface SegmentRevision {
  segmentId: string;
  version: number;
}

export interface FlipsOutcome {
  /** Flips that committed (or were found already in effect). */
  settled: number;
  /** Contacts that changed since they were read: re-read, re-decide. */
  changedContacts: string[];
  /** The filter changed or the segment was deleted meanwhile: re-read it (a build for an old version stops). */
  segmentChanged: boolean;
}

/** Member item, contact check, its `segment.entered|left` outbox row, and the segment's count in one transaction: ≤ 100 items. */
const FLIPS_PER_TRANSACTION = 33;
const MAX_CONFLICT_ROUNDS = 12;

/**
 * Writes membership changes for one segment. Each transaction puts or
 * deletes up to 33 member items (conditioned on their absence / presence),
 * checks each contact is unchanged, and ADDs the net delta to the segment's
 * `memberCount` (conditioned on the segment's version). So the
 * count moves exactly when members do: a repeated or concurrent flip fails
 * its member condition and counts nothing. Each flip's `segment.entered` or
 * `segment.left` rides in the same transaction (outbox), so it is emitted
 * exactly when the membership changes, once.
 *
 * A canceled transaction is split by reason: an already-effective flip is
 * settled, a changed contact is handed back, a changed segment stops
 * everything, and a TransactionConflict (another writer on the segment item)
 * is retried with jittered backoff.
 */
export async function applyFlips(
  segment: SegmentRevision,
  flips: readonly Flip[],
  ctx: Pick<RequestContext, 'correlationId' | 'depth'> = { correlationId: newId() },
  /** false: no `segment.entered`/`left` (a new segment's first build: its members are found, not entering). */
  announce = true,
): Promise<FlipsOutcome> {
  const outcome: FlipsOutcome = { settled: 0, changedContacts: [], segmentChanged: false };
  for (let i = 0; i < flips.length; i += FLIPS_PER_TRANSACTION) {
    let batch = flips.slice(i, i + FLIPS_PER_TRANSACTION);
    let conflicts = 0;
    while (batch.length) {
      const events = announce ? batch.map((f) => domainEvent(f.join ? 'segment.entered' : 'segment.left', { segmentId: segment.segmentId, contactId: f.contactId }, ctx)) : [];
      const tx = batchTransaction(segment, batch, events);
      const result = await tx.go();
      if (!result.canceled) {
        await flushOutbox(events);
        outcome.settled += batch.length;
        break;
      }
      if (tx.rejected(result, 'segment')) {
        outcome.segmentChanged = true;
        return outcome;
      }
      const rejected = new Set(tx.rejectedNames(result));
      const retry: Flip[] = [];
      for (const flip of batch) {
        if (rejected.has(`contact:${flip.contactId}`)) outcome.changedContacts.push(flip.contactId);
        else if (rejected.has(`member:${flip.contactId}`)) outcome.settled += 1;
        else retry.push(flip);
      }
      if (retry.length === batch.length) {
        if (++conflicts > MAX_CONFLICT_ROUNDS) throw new Error(`segment ${segment.segmentId}: membership writes kept conflicting`);
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(500, 15 * 2 ** conflicts)));
      }
      batch = retry;
    }
  }
  return outcome;
}

/** Each flip's member item and contact check, named by its contact; the segment's count last. */
function batchTransaction(segment: SegmentRevision, batch: readonly Flip[], events: readonly PendingEvent[]) {
  const delta = batch.reduce((n, f) => n + (f.join ? 1 : -1), 0);
  const addedAt = nowIso();
  const tx = namedTransaction<`member:${string}` | `contact:${string}` | `event:${string}` | 'segment'>();
  const { segmentMember, contact, segment: seg } = tx.entities;
  events.forEach((event, i) => tx.add(`event:${batch[i]!.contactId}`, outboxPut(tx.entities, event)));
  for (const flip of batch) {
    const key = { segmentId: segment.segmentId, contactId: flip.contactId };
    tx.add(`member:${flip.contactId}`, flip.join ? segmentMember.create({ ...key, addedAt }).commit() : segmentMember.remove(key).commit());
    const seen = flip.contactUpdatedAt;
    if (seen !== undefined) tx.add(`contact:${flip.contactId}`, contact.check({ contactId: flip.contactId }).where((a, op) => op.eq(a.updatedAt, seen)).commit());
  }
  return tx.add(
    'segment',
    seg
      .patch({ segmentId: segment.segmentId })
      .add({ memberCount: delta })
      .where((a, op) => op.eq(a.version, segment.version))
      .commit(),
  );
}
