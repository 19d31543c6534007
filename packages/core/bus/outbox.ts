import { logger } from '../logger.ts';
import { OUTBOX_SHARDS } from '../db/entities/outbox-event.ts';
import { db } from '../db/service.ts';
import type { TransactionEntities, TransactionItem } from '../db/transaction-types.ts';
import type { PendingEvent } from './pending-event.ts';
import { putOnBus, type BusEntry } from './publish.ts';

function shardOf(eventId: string): number {
  let hash = 0;
  for (const ch of eventId.slice(-6)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % OUTBOX_SHARDS;
}

/** The outbox row to put in the same transaction as the change the event reports. */
export function outboxPut(entities: TransactionEntities, event: PendingEvent): TransactionItem {
  return entities.outboxEvent.create({ ...event, shard: shardOf(event.eventId) }).commit();
}

async function deleteRelayed(eventIds: readonly string[]): Promise<void> {
  await Promise.all(eventIds.map((eventId) => db().entities.outboxEvent.delete({ eventId }).go()));
}

/**
 * Publishes events whose transaction has committed. A failure here is logged,
 * not thrown: the change is already durable and the relay will publish later.
 */
export async function flushOutbox(events: readonly PendingEvent[]): Promise<void> {
  if (!events.length) return;
  try {
    await deleteRelayed(await putOnBus(events));
  } catch (error) {
    logger.warn('outbox flush failed; the relay will retry', { error: (error as Error).message, count: events.length });
  }
}

/**
 * One DynamoDB transaction holding `items` and an outbox row per event; once
 * it commits, the events go on the bus. Returns ElectroDB's result, whose
 * `canceled` the caller must check (ElectroDB does not throw on it).
 */
export async function transactWithEvents(
  items: (entities: TransactionEntities) => TransactionItem[],
  events: readonly PendingEvent[],
) {
  const result = await db()
    .transaction.write((entities) => [...items(entities), ...events.map((e) => outboxPut(entities, e))])
    .go();
  if (!result.canceled) await flushOutbox(events);
  return result;
}

/** The relay job: publishes every outbox event older than `minAgeMs`, shard by shard. */
export async function relayOutbox(minAgeMs = 60_000): Promise<number> {
  const before = new Date(Date.now() - minAgeMs).toISOString();
  let relayed = 0;
  for (let shard = 0; shard < OUTBOX_SHARDS; shard++) {
    let cursor: string | null = null;
    do {
      const page: { data: BusEntry[]; cursor: string | null } = await db()
        .entities.outboxEvent.query.pending({ shard })
        .lt({ occurredAt: before })
        .go({ cursor, limit: 100 });
      const accepted = await putOnBus(page.data);
      await deleteRelayed(accepted);
      relayed += accepted.length;
      cursor = page.cursor;
    } while (cursor);
  }
  return relayed;
}
