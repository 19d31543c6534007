import type { EntityItem } from 'electrodb';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import { db } from '#packages/core/db/service.ts';
import { applyFlips, type Flip } from './membership-writes.ts';
import { matches, type SegmentFilter } from './segment-filter.ts';
import { loadSegment, type SegmentItem } from './segment-service.ts';

type ContactItem = EntityItem<typeof contactEntity>;

/** Contacts evaluated per invocation; small in tests (SEGMENT_BUILD_CHUNK) to exercise continuation. */
export function buildChunkSize(): number {
  const n = Number(process.env.SEGMENT_BUILD_CHUNK);
  return Number.isInteger(n) && n > 0 ? n : 1000;
}

export type ChunkOutcome = 'continued' | 'finished' | 'stale';

/** The next chunk of active contacts after the watermark, in contactId order (gsi1, `state = active`). */
async function nextContacts(after: string | undefined, chunk: number) {
  const query = db().entities.contact.query.all({ state: 'active' });
  const ranged = after === undefined ? query : query.gt({ contactId: after });
  // `limit` caps each page (DynamoDB Local otherwise reads the whole partition for a 1 MB page); `count` gathers pages up to the chunk.
  const { data, cursor } = await ranged.go({ limit: chunk, count: chunk });
  return { contacts: data, more: cursor !== null };
}

/** Current members of the segment in (after, upTo] (upTo undefined: to the end). */
async function membersBetween(segmentId: string, after: string | undefined, upTo: string | undefined): Promise<Set<string>> {
  const query = db().entities.segmentMember.query.bySegment({ segmentId });
  const ranged =
    after !== undefined && upTo !== undefined
      ? query.between({ contactId: after }, { contactId: upTo })
      : after !== undefined
        ? query.gt({ contactId: after })
        : upTo !== undefined
          ? query.lte({ contactId: upTo })
          : query;
  const { data } = await ranged.go({ pages: 'all', attributes: ['contactId'] });
  return new Set(data.map((m) => m.contactId).filter((id) => id !== after));
}

/** Consistent reads of contacts whose decision must be (re)made from the stored item. */
async function readContacts(ids: readonly string[]): Promise<Map<string, ContactItem>> {
  if (!ids.length) return new Map();
  const { data, unprocessed } = await db()
    .entities.contact.get(ids.map((contactId) => ({ contactId })))
    .go({ consistent: true });
  if (unprocessed.length) throw new Error(`${unprocessed.length} contacts left unprocessed by BatchGet`);
  return new Map(data.map((c) => [c.contactId, c]));
}

function flipFor(segment: SegmentItem, contactId: string, contact: ContactItem | undefined, isMember: boolean): Flip | null {
  const wanted = contact ? matches(segment.filter as SegmentFilter, contact) : false;
  if (wanted === isMember) return null;
  return { contactId, join: wanted, ...(contact ? { contactUpdatedAt: contact.updatedAt } : {}) };
}

/**
 * One build step: evaluates the next chunk of active contacts after the
 * segment's watermark (`buildCursor`, a contactId), flips the membership
 * where it differs, sweeps out members in the same contactId range that are
 * no longer active contacts (trashed, deleted), then moves the watermark and
 * requests the next step in one transaction conditioned on the watermark it
 * started from. A crash anywhere repeats the step (flips are state-based, so
 * harmless); a duplicate delivery loses the watermark race and stops; a step
 * for an older version, or of a deleted segment, does nothing.
 */
export async function buildSegmentChunk(segmentId: string, version: number, correlationId = segmentId): Promise<ChunkOutcome> {
  const segment = await loadSegment(segmentId);
  if (!segment || segment.version !== version || segment.status === 'ready') return 'stale';
  const after = segment.buildCursor;
  const { contacts, more } = await nextContacts(after, buildChunkSize());
  const last = contacts.at(-1)?.contactId;
  const members = await membersBetween(segmentId, after, more ? last : undefined);

  const flips: Flip[] = [];
  for (const contact of contacts) {
    const flip = flipFor(segment, contact.contactId, contact, members.has(contact.contactId));
    if (flip) flips.push(flip);
    members.delete(contact.contactId);
  }
  // Members in the range that the active index did not return: trashed, deleted, or not yet indexed.
  const stragglers = await readContacts([...members]);
  for (const contactId of members) {
    const flip = flipFor(segment, contactId, stragglers.get(contactId), true);
    if (flip) flips.push(flip);
  }

  if (!(await settle(segment, flips))) return 'stale';
  return saveProgress(segment, after, more ? last : undefined, contacts.length, correlationId);
}

/** Applies flips, re-deciding those whose contact changed (from a consistent read) until none is left. */
async function settle(segment: SegmentItem, flips: Flip[]): Promise<boolean> {
  let pending = flips;
  for (let round = 0; pending.length; round++) {
    if (round > 8) throw new Error(`segment ${segment.segmentId}: contacts kept changing under the build`);
    // A filter change (version > 1) moves contacts in and out: announced; the first build of a new segment is not.
    const outcome = await applyFlips(segment, pending, undefined, segment.version > 1);
    if (outcome.segmentChanged) return false;
    const fresh = await readContacts(outcome.changedContacts);
    const members = await readMembers(segment.segmentId, outcome.changedContacts);
    pending = outcome.changedContacts.flatMap((id) => flipFor(segment, id, fresh.get(id), members.has(id)) ?? []);
  }
  return true;
}

async function readMembers(segmentId: string, contactIds: readonly string[]): Promise<Set<string>> {
  if (!contactIds.length) return new Set();
  const { data } = await db()
    .entities.segmentMember.get(contactIds.map((contactId) => ({ segmentId, contactId })))
    .go({ consistent: true });
  return new Set(data.map((m) => m.contactId));
}

async function saveProgress(
  segment: SegmentItem,
  from: string | undefined,
  to: string | undefined,
  evaluated: number,
  correlationId: string,
): Promise<ChunkOutcome> {
  const { segmentId, version } = segment;
  const builtAt = nowIso();
  const finished = to === undefined;
  const result = await transactWithEvents(
    ({ segment: seg }) => {
      const base = seg
        .patch({ segmentId })
        .add({ buildScanned: evaluated })
        .set(finished ? { status: 'ready' as const, builtAt } : { buildCursor: to });
      const cleared = finished ? base.remove(['buildCursor']) : base;
      return [
        cleared
          .where((a, op) => `${op.eq(a.version, version)} AND ${from === undefined ? op.notExists(a.buildCursor) : op.eq(a.buildCursor, from)}`)
          .commit(),
      ];
    },
    [
      finished
        ? domainEvent('segment.built', { segmentId, version, builtAt }, { correlationId })
        : domainEvent('segment.build_requested', { segmentId, version }, { correlationId }),
    ],
  );
  if (result.canceled) return 'stale';
  return finished ? 'finished' : 'continued';
}
