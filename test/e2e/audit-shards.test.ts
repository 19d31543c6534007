import { describe, expect, it } from 'vitest';
import { AUDIT_SHARDS, auditShardOf } from '#packages/core/audit/audit-shard.ts';
import { db } from '#packages/core/db/service.ts';
import { auditPage } from '#packages/features/audit/audit-query.ts';
import { auditDay } from '#packages/features/audit/audit-shard-reads.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

/**
 * The audit items of a day are spread over AUDIT_SHARDS partitions (table
 * `byDay`, gsi1 `byTime`) so no flash sale makes one of them hot; the day's
 * read (verify, the seal) and the time listing still see every item, in
 * auditId order, with no item twice across pages.
 */
describe('the sharded audit log', () => {
  it("spreads a day's items over shards; the day read, the time listing's pages and verify see them all, in order", async () => {
    const actor = `sharded-${Date.now()}`;
    const venueIds: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.call('POST', '/v1/venues', { body: { name: `Shard ${i}` }, userId: actor });
      expect(res.status).toBe(201);
      venueIds.push(res.body.id);
    }
    const mine = (await api.call('GET', `/v1/audit?actor=user:${actor}&limit=100`)).body.items as { id: string; at: string; target: string }[];
    expect(mine.map((e) => e.target)).toEqual(venueIds.map((id) => `venue:${id}`).reverse());
    const created = mine.map((e) => e.id).reverse();
    const shards = new Set(created.map(auditShardOf));
    expect(shards.size).toBeGreaterThan(1);
    const day = mine.at(-1)!.at.slice(0, 10);

    // Stored under the shard their id gives: a Query of one shard's partition finds exactly those.
    const shard = auditShardOf(created[0]!);
    const { data: onShard } = await db().entities.auditEvent.query.byDay({ auditDay: day, auditShard: shard }).go({ limit: 1000, pages: 'all' });
    expect(onShard.every((e) => e.auditShard === shard && auditShardOf(e.auditId) === shard)).toBe(true);
    expect(onShard.map((e) => e.auditId)).toEqual(expect.arrayContaining(created.filter((id) => auditShardOf(id) === shard)));

    // The day read (what verify and the seal chain) merges every shard, oldest first.
    const dayItems = (await auditDay(day)).map((e) => e.auditId);
    expect(dayItems).toEqual([...dayItems].sort());
    expect(new Set(dayItems.map(auditShardOf)).size).toBeGreaterThan(1);
    expect(dayItems.filter((id) => created.includes(id))).toEqual(created);
    expect(new Set(dayItems.map(auditShardOf)).size).toBeLessThanOrEqual(AUDIT_SHARDS);

    // The time listing (no actor/target/action): pages of 3, newest first, each item once.
    const listDay = async (limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query = `from=${day}T00:00:00.000Z&to=${day}T23:59:59.999Z&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`;
        const res: any = await api.call('GET', `/v1/audit?${query}`);
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items.map((e: { id: string }) => e.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const before = await listDay(3);
    expect(new Set(before).size).toBe(before.length);
    expect(before).toEqual([...before].sort().reverse());
    expect(before.filter((id) => created.includes(id))).toEqual([...created].reverse());
    // The listing holds everything the day read held (the day read came first; items are only ever added).
    expect(before).toEqual(expect.arrayContaining(dayItems));

    const verified = await api.call('GET', `/v1/audit/verify?day=${day}`);
    expect(verified.body).toMatchObject({ day, ok: true });
    const after = await listDay(50);
    expect(verified.body.count).toBeGreaterThanOrEqual(dayItems.length);
    expect(verified.body.count).toBeLessThanOrEqual(after.length);
  });

  it("refuses a time-listing cursor that holds no auditId (a 400, never a Query)", async () => {
    const bad = Buffer.from(JSON.stringify({ before: 'x' })).toString('base64url');
    await expect(auditPage({}, { limit: 5, cursor: bad })).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(auditPage({}, { limit: 5, cursor: 'not json' })).rejects.toMatchObject({ code: 'invalid_cursor' });
  });
});
