import type { EntityItem } from 'electrodb';
import type {
  CreateSegmentInput,
  SegmentCountView,
  SegmentFilterInput,
  SegmentView,
  UpdateSegmentInput,
} from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { segmentEntity } from '#packages/core/db/entities/segment.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';
import { sameFilter } from './segment-filter.ts';

export type SegmentItem = EntityItem<typeof segmentEntity>;

export function toView({ buildCursor: _c, buildScanned: _s, ...item }: SegmentItem): SegmentView {
  return { ...withId(item, 'segmentId'), filter: item.filter as SegmentFilterInput };
}

/** The stored segment, read consistently (consumers decide on it), or undefined. */
export async function loadSegment(segmentId: string): Promise<SegmentItem | undefined> {
  const { data } = await db().entities.segment.get({ segmentId }).go({ consistent: true });
  return data ?? undefined;
}

export async function getSegment(id: string): Promise<SegmentView> {
  const { data } = await db().entities.segment.get({ segmentId: id }).go();
  if (!data) throw notFound('Segment', id);
  return toView(data);
}

/** One GetItem: the count is kept exact by the member transactions, never counted on read. */
export async function countSegment(id: string): Promise<SegmentCountView> {
  const { data } = await db()
    .entities.segment.get({ segmentId: id })
    .go({ attributes: ['memberCount', 'status', 'builtAt'] });
  if (!data) throw notFound('Segment', id);
  return { count: data.memberCount, status: data.status, builtAt: data.builtAt ?? null };
}

export async function listSegments(page: PageRequest): Promise<Page<SegmentView>> {
  const { data, cursor } = await db()
    .entities.segment.query.all({})
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

/**
 * The segment starts `building` with no members; the build request goes out
 * through the outbox in the same transaction, so a segment never waits for a
 * build nobody asked for.
 */
export async function createSegment(input: CreateSegmentInput, ctx: RequestContext): Promise<SegmentView> {
  const segmentId = newId();
  const at = nowIso();
  const item = {
    ...definedOnly(input),
    name: input.name,
    filter: definedOnly(input.filter),
    segmentId,
    status: 'building' as const,
    memberCount: 0,
    version: 1,
    buildScanned: 0,
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  };
  const result = await transactWithEvents(
    ({ segment }) => [segment.create(item).commit()],
    [domainEvent('segment.build_requested', { segmentId, version: 1 }, ctx)],
  );
  if (result.canceled) throw conflict('concurrent_update', 'The segment could not be created; try again');
  return toView(item);
}

/**
 * Name and description change in place. A different filter bumps `version`
 * (so chunks of the old build stop and old-version flips are refused), marks
 * the segment `building` from the start and requests the new build — in one
 * transaction conditioned on the version read, so two concurrent filter
 * changes cannot both think they were last.
 */
export async function updateSegment(id: string, input: UpdateSegmentInput, ctx: RequestContext): Promise<SegmentView> {
  const current = await loadSegment(id);
  if (!current) throw notFound('Segment', id);
  const at = nowIso();
  const filter = input.filter === undefined ? undefined : definedOnly(input.filter);
  const rebuild = filter !== undefined && !sameFilter(filter, current.filter as SegmentFilterInput);
  const version = rebuild ? current.version + 1 : current.version;
  const changes = definedOnly({
    name: input.name,
    description: input.description,
    ...(rebuild ? { filter, version, status: 'building' as const, buildScanned: 0 } : {}),
    updatedAt: at,
  });
  const events = rebuild ? [domainEvent('segment.build_requested', { segmentId: id, version }, ctx)] : [];
  const result = await transactWithEvents(
    ({ segment }) => {
      const patch = segment.patch({ segmentId: id }).set(changes);
      const guarded = rebuild ? patch.remove(['buildCursor', 'builtAt']) : patch;
      return [guarded.where((attr, op) => op.eq(attr.version, current.version)).commit()];
    },
    events,
  );
  if (result.canceled) throw conflict('concurrent_update', 'The segment changed meanwhile; read it and try again');
  const { buildCursor: _c, builtAt, ...rest } = current;
  return toView({ ...rest, ...(rebuild ? {} : { builtAt }), ...changes } as SegmentItem);
}

/**
 * Deletes the segment item (its members can no longer be added: every member
 * write is conditioned on the segment) and leaves the member items to the
 * purge consumer.
 */
export async function deleteSegment(id: string, ctx: RequestContext): Promise<void> {
  const tx = namedTransaction<'segment'>();
  tx.add('segment', tx.entities.segment.delete({ segmentId: id }).where((attr, op) => op.exists(attr.segmentId)).commit());
  const result = await transactWithEvents(() => tx.items, [domainEvent('segment.deleted', { segmentId: id }, ctx)]);
  if (tx.rejected(result, 'segment')) throw notFound('Segment', id);
  if (result.canceled) throw conflict('concurrent_update', 'The segment changed meanwhile; try again');
}
