import { BatchGetCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '#packages/core/db/client.ts';
import { STATS_SHARDS } from '#packages/core/db/entities/stats-shard.ts';
import { db } from '#packages/core/db/service.ts';
import { nowIso } from '#packages/core/clock.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { addExpression, type CounterDeltas } from './counters.ts';

/** Markers outlive EventBridge's 24-hour retry window comfortably (as apply-once.ts). */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export function shardKey(eventId: string, shard: number): Record<string, unknown> {
  return db().entities.statsShard.get({ eventId, shard }).params().Key as Record<string, unknown>;
}

/** The conditional Put of a processed marker, as raw DocumentClient params. */
export function markerPutItem(consumer: string, markerId: string, ttlSeconds = MARKER_TTL_SECONDS): TransactItem {
  const params = db()
    .entities.processedEvent.create({ consumer, eventId: markerId, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + ttlSeconds })
    .params();
  return { Put: params as NonNullable<TransactItem['Put']> };
}

function cancellationCodes(error: unknown): string[] | null {
  const e = error as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (e?.name !== 'TransactionCanceledException') return null;
  return (e.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
}

/**
 * Adds `deltas` to one stats shard picked at random, in ONE transaction with
 * the consumer's marker for `markerId`: a redelivery finds the marker and
 * changes nothing. A lost race (TransactionConflict: another writer on the
 * same slice at that instant) retries on a freshly picked slice.
 * Returns false when the marker was there already (applied before).
 */
export async function addToStats(eventId: string, consumer: string, markerId: string, deltas: CounterDeltas): Promise<boolean> {
  const update = addExpression(deltas);
  const outcome = await withRaceRetries(async () => {
    const shard = Math.floor(Math.random() * STATS_SHARDS);
    const items: TransactItem[] = [markerPutItem(consumer, markerId)];
    if (update) items.push({ Update: { TableName: tableName(), Key: shardKey(eventId, shard), ...update } });
    try {
      await documentClient.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      if (codes[0] === 'ConditionalCheckFailed') return false;
      return RETRY;
    }
  }, 25);
  if (outcome === RETRY) throw new Error(`${consumer}: kept losing races on the stats of ${eventId}`);
  return outcome;
}

/**
 * Every stats shard of an event, raw (the counters are not in the ElectroDB
 * model): one BatchGetItem of 10 keys, eventually consistent, so ≤ 5 RCU
 * while each item stays ≤ 4 KB. Missing shards (never written) are absent.
 */
export async function readStatsShards(eventId: string): Promise<Record<string, unknown>[]> {
  const table = tableName();
  let keys: Record<string, unknown>[] = Array.from({ length: STATS_SHARDS }, (_, shard) => shardKey(eventId, shard));
  const items: Record<string, unknown>[] = [];
  for (let attempt = 0; keys.length; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(500, 20 * 2 ** attempt)));
    if (attempt > 8) throw new Error(`stats of ${eventId}: unprocessed keys remain`);
    const result = await documentClient.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: keys } } }));
    items.push(...(result.Responses?.[table] ?? []));
    keys = (result.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
  }
  return items;
}
