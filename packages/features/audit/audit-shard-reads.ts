import { auditShards } from '#packages/core/audit/audit-shard.ts';
import type { AuditFields } from '#packages/core/audit/audit-record.ts';
import { db } from '#packages/core/db/service.ts';

type Stored = AuditFields;

const byAuditId = (a: Stored, b: Stored) => (a.auditId < b.auditId ? -1 : a.auditId > b.auditId ? 1 : 0);

/** Every audit item of a day, oldest first (the order the chain runs in): every shard's partition, merged by auditId. */
export async function auditDay(day: string): Promise<Stored[]> {
  const perShard = await Promise.all(
    auditShards.map(async (auditShard) => {
      const items: Stored[] = [];
      let cursor: string | null = null;
      do {
        const page: { data: Stored[]; cursor: string | null } = await db()
          .entities.auditEvent.query.byDay({ auditDay: day, auditShard })
          .go({ cursor, limit: 1000 });
        items.push(...page.data);
        cursor = page.cursor;
      } while (cursor);
      return items;
    }),
  );
  return perShard.flat().sort(byAuditId);
}

export interface TimeRange {
  /** Lowest and highest auditId (inclusive). */
  lo: string;
  hi: string;
}

interface ShardStream {
  auditShard: number;
  buffer: Stored[];
  cursor: string | null;
  done: boolean;
}

/**
 * One page of the time index across every shard, k-way merged by auditId:
 * newest first (`desc`) or oldest first (`asc`), strictly after `after` (the
 * last auditId of the previous page, in the page's order) when given. Each
 * shard is read in small chunks and read further only while its next item
 * may still belong on the page, so a page costs little more than its items.
 */
export async function mergedTimePage(
  range: TimeRange,
  options: { order: 'asc' | 'desc'; limit: number; after?: string | undefined },
): Promise<{ items: Stored[]; more: boolean }> {
  const { order, limit, after } = options;
  const lo = after && order === 'asc' ? (after > range.lo ? after : range.lo) : range.lo;
  const hi = after && order === 'desc' ? (after < range.hi ? after : range.hi) : range.hi;
  const result = { items: [] as Stored[], more: false };
  if (lo > hi) return result;
  // The bounds hold `after` itself (BETWEEN is inclusive): it is dropped below, so a chunk asks for one more.
  const chunk = Math.min(limit + 1, Math.max(5, Math.ceil((2 * limit) / auditShards.length) + 1));
  const fill = async (stream: ShardStream) => {
    while (!stream.buffer.length && !stream.done) {
      const page: { data: Stored[]; cursor: string | null } = await db()
        .entities.auditEvent.query.byTime({ auditShard: stream.auditShard })
        .between({ auditId: lo }, { auditId: hi })
        .go({ order, limit: chunk, cursor: stream.cursor });
      stream.buffer.push(...page.data.filter((item) => item.auditId !== after));
      stream.cursor = page.cursor;
      stream.done = !page.cursor;
    }
  };
  const streams: ShardStream[] = auditShards.map((auditShard) => ({ auditShard, buffer: [], cursor: null, done: false }));
  await Promise.all(streams.map(fill));
  const first = order === 'asc' ? (a: Stored, b: Stored) => byAuditId(a, b) < 0 : (a: Stored, b: Stored) => byAuditId(a, b) > 0;
  while (result.items.length < limit) {
    let next: ShardStream | undefined;
    for (const stream of streams) if (stream.buffer.length && (!next || first(stream.buffer[0]!, next.buffer[0]!))) next = stream;
    if (!next) break;
    result.items.push(next.buffer.shift()!);
    await fill(next);
  }
  result.more = streams.some((stream) => stream.buffer.length > 0 || !stream.done);
  return result;
}
