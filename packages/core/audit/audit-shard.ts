import { createHash } from 'node:crypto';

/**
 * The audit items are spread over this many partitions per day (table,
 * `byDay`) and over as many of the time index (gsi1, `byTime`): a flash sale
 * writes hundreds of audited requests a second, more than one GSI partition
 * takes (~1,000 WCU/s, and its throttling pushes back on the table's writes).
 * Reads of a day or of a time range query every shard and merge by auditId.
 */
export const AUDIT_SHARDS = 16;

/** An audit item's shard: from its id alone, so anyone holding the id finds the item's keys again. */
export function auditShardOf(auditId: string): number {
  return createHash('sha256').update(auditId).digest().readUInt16BE(0) % AUDIT_SHARDS;
}

/** Every shard, 0 … AUDIT_SHARDS − 1. */
export const auditShards: readonly number[] = Array.from({ length: AUDIT_SHARDS }, (_, shard) => shard);
