import { encodeTime } from 'ulid';
import type { AuditChange } from '#packages/core/audit/audit-context.ts';
import type { AuditFields } from '#packages/core/audit/audit-record.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid } from '#packages/core/errors.ts';
import { checkedCursor } from '#packages/core/pagination.ts';
import { mergedTimePage } from './audit-shard-reads.ts';
import type { ListAuditQuery } from './contract.ts';

/** An audit event as stored: the fields the kit writes (packages/core/audit/audit-record.ts). */
export type StoredAuditEvent = AuditFields;

export type AuditFilter = Pick<ListAuditQuery, 'actor' | 'target' | 'action' | 'from' | 'to'>;

export function toView(e: StoredAuditEvent) {
  return {
    id: e.auditId,
    at: e.at,
    actor: e.actor,
    action: e.action,
    target: e.target,
    changes: JSON.parse(e.changes) as AuditChange[],
    requestId: e.requestId,
    ...(e.ip ? { ip: e.ip } : {}),
    ...(e.userAgent ? { userAgent: e.userAgent } : {}),
    hash: e.hash,
  };
}

/** ULID bounds of a time range: ids sort by their time, so a range of time is a range of ids. */
function idBounds(filter: AuditFilter): { lo: string; hi: string } {
  const lo = filter.from ? encodeTime(Date.parse(filter.from), 10) + '0'.repeat(16) : '0'.repeat(26);
  const hi = filter.to ? encodeTime(Date.parse(filter.to), 10) + 'Z'.repeat(16) : '7' + 'Z'.repeat(25);
  return { lo, hi };
}

/** The time listing's cursor: the last auditId returned (every shard is read again from below it). */
const timeCursor = (auditId: string) => Buffer.from(JSON.stringify({ before: auditId })).toString('base64url');

function auditIdOfTimeCursor(cursor: string): string {
  let before: unknown;
  try {
    before = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { before?: unknown } | null)?.before;
  } catch {
    // not JSON: refused below
  }
  if (typeof before === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(before)) return before;
  throw invalid('invalid_cursor', 'The cursor is not one this API issued');
}

/**
 * One page, newest first. With an actor, a target or an action: one Query on
 * that one's index (the most selective first); the other filters narrow it (a
 * filter expression on the same Query). Without: the time index, whose items
 * are spread over shards (audit-shard.ts), read as a k-way merge of every
 * shard's Query (audit-shard-reads.ts). The time range is a range of the sort
 * key (the ULID) either way.
 */
export async function auditPage(filter: AuditFilter, page: { limit: number; cursor?: string | null }) {
  const entity = db().entities.auditEvent.query;
  const { lo, hi } = idBounds(filter);
  if (!filter.actor && !filter.target && !filter.action) {
    const after = page.cursor ? auditIdOfTimeCursor(page.cursor) : undefined;
    const { items, more } = await mergedTimePage({ lo, hi }, { order: 'desc', limit: page.limit, after });
    return { items, nextCursor: more && items.length ? timeCursor(items.at(-1)!.auditId) : null };
  }
  const range = { lo: { auditId: lo }, hi: { auditId: hi } };
  const query = filter.actor
    ? entity.byActor({ actor: filter.actor }).between(range.lo, range.hi)
    : filter.target
      ? entity.byTarget({ target: filter.target }).between(range.lo, range.hi)
      : entity.byAction({ action: filter.action! }).between(range.lo, range.hi);
  // The index answers the first filter named; the others narrow the same Query.
  const narrowed = query.where((attr, { eq }) =>
    [
      filter.actor && filter.target ? eq(attr.target, filter.target) : '',
      (filter.actor || filter.target) && filter.action ? eq(attr.action, filter.action) : '',
    ]
      .filter(Boolean)
      .join(' AND '),
  );
  const { data, cursor } = await narrowed.go({ order: 'desc', limit: page.limit, cursor: page.cursor ?? null });
  return { items: data as StoredAuditEvent[], nextCursor: cursor };
}

export async function listAuditEvents(query: ListAuditQuery) {
  const { items, nextCursor } = await auditPage(query, { limit: query.limit, cursor: checkedCursor(query.cursor) });
  return { items: items.map(toView), nextCursor };
}

/** Pages of the filter, newest first, until `max` events. */
export async function* auditPages(filter: AuditFilter, max: number): AsyncGenerator<StoredAuditEvent[]> {
  let cursor: string | null = null;
  let seen = 0;
  do {
    const page: { items: StoredAuditEvent[]; nextCursor: string | null } = await auditPage(filter, { limit: Math.min(500, max - seen), cursor });
    seen += page.items.length;
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor && seen < max);
}
