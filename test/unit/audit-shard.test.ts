import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { AUDIT_SHARDS, auditShardOf } from '#packages/core/audit/audit-shard.ts';
import { auditFields } from '#packages/core/audit/audit-record.ts';

describe("an audit item's shard", () => {
  it('follows from the auditId alone, and the ids of one millisecond spread over every shard', () => {
    const time = Date.parse('2026-12-02T10:00:00Z');
    const ids = Array.from({ length: 2000 }, () => ulid(time));
    const counts = new Array<number>(AUDIT_SHARDS).fill(0);
    for (const id of ids) {
      const shard = auditShardOf(id);
      expect(auditShardOf(id)).toBe(shard);
      expect(Number.isInteger(shard) && shard >= 0 && shard < AUDIT_SHARDS).toBe(true);
      counts[shard]!++;
    }
    // 125 expected per shard; none empty, none holding several shards' share.
    expect(Math.min(...counts)).toBeGreaterThan(60);
    expect(Math.max(...counts)).toBeLessThan(250);
  });

  it('is stored on every audit item the kit builds', () => {
    const fields = auditFields({ actor: { type: 'user', id: 'u1' }, action: 'venues.create', requestId: 'r1', claimed: false, written: false }, 'venue:1', []);
    expect(fields.auditShard).toBe(auditShardOf(fields.auditId));
  });
});
